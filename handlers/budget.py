COMMANDS = []


def register(app):
    pass
