"""Discourse analysis of health articles and their reader comments."""
