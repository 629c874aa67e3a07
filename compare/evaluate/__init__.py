"""Evaluation of each stage against labelled data (``compare eval ...``)."""
