"""Words of reading and scoring (see ``core.messages``): why a file cannot be read, what a value
should look like, and the parts of the warnings scoring gives.  They are problem parameters
(``said("file.missing")``), said in the reader's language when the problem is shown."""

from __future__ import annotations

from . import define

# A list inside a message.
define("list", {"sep": ("、", ", ")})
