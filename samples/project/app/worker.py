from pyscript import RUNNING_IN_WORKER, display

import words  # the worker has no config of its own: it got the page's, files and all

# No target: display() writes into <script-py id="py-w0-target">, right after the worker's script tag.
display(f"worker ({RUNNING_IN_WORKER}): " + words.summary("the same module in a worker thread"))
