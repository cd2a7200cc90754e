"""Small helpers shared by the pyscript modules."""


class NotSupported:
    """A feature that is missing in this context: any use raises a clear error instead of failing later."""

    def __init__(self, name, error):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "error", error)

    def __repr__(self):
        return f"<NotSupported {self.name} [{self.error}]>"

    def __getattr__(self, attr):
        raise AttributeError(self.error)

    def __setattr__(self, attr, value):
        raise AttributeError(self.error)

    def __call__(self, *args, **kwargs):
        raise TypeError(self.error)


def as_bytearray(buffer):
    """A JS ArrayBuffer (or anything with a length and indexes) as a Python bytearray."""
    return bytearray(buffer[i] for i in range(len(buffer)))
