"""Shared by the project's pages: it lives in project/shared/, above the page's folder."""


def summary(text):
    words = text.split()
    longest = max(words, key=len)
    return f"{len(words)} words, the longest is {longest!r}"
