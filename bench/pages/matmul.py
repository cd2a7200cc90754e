# Multiplies two 300x300 matrices in pure Python, the textbook way, and writes the time and a checksum into #result.
import json

from pyscript import document, window

N = 300


def matrix(n, seed):
    """An n x n matrix of floats in [0, 1) from a small linear congruential generator (the same on every run)."""
    rows, state = [], seed
    for _ in range(n):
        row = []
        for _ in range(n):
            state = (state * 1103515245 + 12345) % 2147483648
            row.append(state / 2147483648)
        rows.append(row)
    return rows


def multiply(a, b):
    n, m, p = len(a), len(b[0]), len(b)
    c = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            total = 0.0
            for k in range(p):
                total += a[i][k] * b[k][j]
            c[i][j] = total
    return c


a, b = matrix(N, 1), matrix(N, 2)
t0 = window.performance.now()
c = multiply(a, b)
t1 = window.performance.now()
document.getElementById("result").textContent = json.dumps(
    {"ms": round(t1 - t0), "n": N, "trace": round(sum(c[i][i] for i in range(N)), 6)}
)
