"""/open, the coordinator's inbox: every open item of every feature in one list."""
