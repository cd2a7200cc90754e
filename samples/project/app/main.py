from pyscript import config, display

import words  # copied into the working folder by the config's files (see config/pyscript.toml)

display(words.summary("A page in a folder of its own, its code shared from above it"), target="main-out")
display(f"files from the config: {sorted(config['files'])}", target="config-out")
