"""One error family for everything kg refuses, so the CLI can print it as one clean line."""


class KgError(Exception):
    """Base of every error kg raises on purpose."""


class InputError(KgError):
    """An input file (or one line of it) cannot be read as an article."""

    def __init__(self, path, problem: str, line: int | None = None):
        self.path, self.problem, self.line = str(path), problem, line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")

    def __reduce__(self):
        """Picklable (a worker process hands it back to the build)."""
        return (type(self), (self.path, self.problem, self.line))


class ModelError(KgError):
    """The spaCy pipeline asked for cannot be loaded."""


class QueryError(KgError):
    """A SPARQL query or the graph it runs on is unusable."""


class BuildError(KgError):
    """The build could not write a graph; ERRORS are the inputs that were skipped on the way."""

    def __init__(self, message: str, errors=()):
        super().__init__(message)
        self.errors = list(errors)

    def __reduce__(self):
        """Picklable, like InputError."""
        return (type(self), (str(self), self.errors))
