"""A small pure-Python module that samples/packages.html copies in with the config's `files`."""


def word_counts(text):
    """How often each word of four letters or more occurs, most frequent first."""
    counts = {}
    for word in text.lower().split():
        word = word.strip(".,;:!?\"'()")
        if len(word) >= 4:
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
