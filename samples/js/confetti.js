// A small confetti effect written for the PyDesk samples (no third-party code).
// The page loads it through its config's [js_modules.main] and uses it from Python.

const COLORS = ["#2a6fdb", "#1f9d55", "#e5a50a", "#d6336c", "#8a4fd8"];

export const name = "confetti";

let bursts = 0;

/** Drops `count` pieces of confetti into `container`, replacing earlier ones; returns how many it added. */
export function burst(container, count = 24) {
  // a seeded generator: the same pictures on every run, a different one for each burst
  let state = 7 + 9973 * ++bursts;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  container.querySelectorAll(".confetti-piece").forEach((piece) => piece.remove());
  for (let i = 0; i < count; i++) {
    const piece = document.createElement("span");
    piece.className = "confetti-piece";
    piece.style.left = (random() * 96).toFixed(1) + "%";
    piece.style.background = COLORS[i % COLORS.length];
    piece.style.animationDelay = (random() * 0.5).toFixed(2) + "s";
    piece.style.setProperty("--turn", Math.round(180 + random() * 540) + "deg");
    container.append(piece);
  }
  return count;
}
