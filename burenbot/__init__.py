"""The program around the core: bootstrap, the Telegram wiring, the command line and the demo."""
