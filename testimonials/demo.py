"""Demo content for this app. Placeholder until its issue lands."""


def load():
    pass
