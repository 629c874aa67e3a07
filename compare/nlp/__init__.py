"""Language models shared by the extractors: each is loaded once per process."""
