"""Privacy: what is removed before anything is stored (``redaction``) and what is deleted later (``retention``)."""
