"""One error type for every component, so authors get the same kind of message."""

try:  # Under MkDocs a BuildError aborts with our message and no traceback.
    from mkdocs.exceptions import BuildError as _Base
except ImportError:  # Zensical or plain Python-Markdown.
    _Base = Exception


class ComponentError(_Base):
    """Bad input in a page: the message names the file, the line and the fix."""

    def __init__(self, where: str, problem: str, fix: str) -> None:
        self.where, self.problem, self.fix = where, problem, fix
        super().__init__(f"{where}: {problem}\n  How to fix: {fix}")
