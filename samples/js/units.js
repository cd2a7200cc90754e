// Formats sizes for people: a tiny module of our own, imported at run time with pyscript.js_import.

const UNITS = ["bytes", "KiB", "MiB", "GiB", "TiB"];

export function formatBytes(bytes) {
  let value = Number(bytes), unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} ${UNITS[0]}` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

export const units = UNITS;
