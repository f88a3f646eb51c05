"""The small exception tree; problems in documents are values (model.Problem), not exceptions.

CiteresError            the run cannot continue; the CLI prints one line and exits 2
├── InputError          a path is missing, empty, binary or holds no text files
├── OutputError         an output cannot be written
└── NetworkError        a catalogue cannot be reached or answered badly (enrich/ only)
"""


class CiteresError(Exception):
    """Base of every error citeres raises on purpose."""


class InputError(CiteresError):
    pass


class OutputError(CiteresError):
    pass


class NetworkError(CiteresError):
    pass
