package dev.pydesk.interpreter.packages;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The per-user cache of installed wheels: each wheel unzipped once into {@code <name>-<version>-<hash>/} (the hash
 * is of the wheel's bytes), which then goes on {@code sys.path} of every interpreter that asks for it. Folders
 * appear atomically (unpacked aside, then renamed), so two interpreters installing one wheel at once are safe.
 * Only pure-Python wheels are accepted: GraalPy cannot load extension modules built for CPython.
 *
 * <p>Where: the system property {@code pydesk.packages.cache}, else {@code $XDG_CACHE_HOME/pydesk/packages}, else
 * {@code ~/.cache/pydesk/packages}.
 */
public final class WheelCache {
    /** {@code name-version(-build)?-python-abi-platform.whl} (PEP 427). */
    static final Pattern WHEEL_NAME = Pattern.compile(
            "([^-]+)-([^-]+)(?:-(\\d[^-]*))?-([^-]+)-([^-]+)-([^-]+)\\.whl", Pattern.CASE_INSENSITIVE);
    private static final AtomicInteger UNPACKED = new AtomicInteger();

    private final Path root;

    /** An installed wheel: the folder for {@code sys.path} and the top-level modules it provides. */
    public record Installed(String name, String version, Path folder, List<String> topLevel) {}

    public WheelCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static WheelCache standard() {
        String configured = System.getProperty("pydesk.packages.cache");
        if (configured != null && !configured.isBlank()) return new WheelCache(Path.of(configured));
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new WheelCache(base.resolve("pydesk").resolve("packages"));
    }

    public Path root() {
        return root;
    }

    /** How many wheels this process has unzipped (a cache hit unzips nothing): tests, the inspector. */
    public static int unpackedCount() {
        return UNPACKED.get();
    }

    /** Why a wheel of this file name cannot run on GraalPy, or empty when its tags say pure Python. */
    static Optional<String> impurity(String fileName) {
        Matcher name = WHEEL_NAME.matcher(fileName);
        if (!name.matches()) return Optional.of(fileName + " is not a wheel file name (name-version-py3-none-any.whl)");
        String python = name.group(4).toLowerCase(Locale.ROOT);
        String abi = name.group(5).toLowerCase(Locale.ROOT);
        String platform = name.group(6).toLowerCase(Locale.ROOT);
        boolean py3 = Stream.of(python.split("\\.")).anyMatch(tag -> tag.startsWith("py3"));
        if (!abi.equals("none") || !platform.equals("any") || !py3) {
            return Optional.of(fileName + " is not a pure-Python wheel (" + python + "-" + abi + "-" + platform
                    + "): PyDesk runs Python on GraalPy, which installs only py3-none-any wheels");
        }
        return Optional.empty();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path folderOf(String fileName, String sha256) {
        Matcher name = WHEEL_NAME.matcher(fileName);
        if (!name.matches()) throw new IllegalArgumentException(fileName);
        String dist = name.group(1).toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "_");
        return root.resolve(dist + "-" + name.group(2) + "-" + sha256.substring(0, 16).toLowerCase(Locale.ROOT));
    }

    /** The wheel with this name and content hash, when it is already installed. */
    public Optional<Installed> find(String fileName, String sha256) throws IOException {
        if (impurity(fileName).isPresent() || sha256 == null || sha256.length() < 16) return Optional.empty();
        Path folder = folderOf(fileName, sha256);
        return Files.isDirectory(folder) ? Optional.of(installed(fileName, folder)) : Optional.empty();
    }

    /** Installs a wheel (unzips it into the cache) unless a wheel with the same bytes is there already. */
    public Installed install(String fileName, byte[] wheel) throws IOException {
        Optional<String> impure = impurity(fileName);
        if (impure.isPresent()) throw new PackageException(impure.get());
        Path folder = folderOf(fileName, sha256(wheel));
        if (Files.isDirectory(folder)) return installed(fileName, folder);
        Files.createDirectories(root);
        Path partial = root.resolve(".partial-" + UUID.randomUUID());
        try {
            unzipWheel(fileName, wheel, partial);
            try {
                Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
                UNPACKED.incrementAndGet();
            } catch (IOException installedMeanwhile) {
                if (!Files.isDirectory(folder)) throw installedMeanwhile; // else another interpreter won the race
            }
        } finally {
            deleteTree(partial);
        }
        return installed(fileName, folder);
    }

    private static void unzipWheel(String fileName, byte[] wheel, Path folder) throws IOException {
        Files.createDirectories(folder);
        boolean sawWheelFile = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(wheel))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".so") || lower.endsWith(".pyd") || lower.endsWith(".dylib") || lower.contains(".so.")) {
                    throw new PackageException(fileName + " is not a pure-Python wheel: it contains native code (" + name
                            + "), which GraalPy cannot load");
                }
                String[] parts = name.split("/");
                if (parts.length > 1 && parts[0].endsWith(".data")) {
                    // name.data/purelib/... and platlib/... belong on sys.path; scripts, headers and data do not
                    if (parts.length < 3 || !(parts[1].equals("purelib") || parts[1].equals("platlib"))) continue;
                    name = String.join("/", java.util.Arrays.copyOfRange(parts, 2, parts.length));
                }
                if (parts.length == 2 && parts[0].endsWith(".dist-info") && parts[1].equals("WHEEL")) {
                    sawWheelFile = true;
                    String text = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    if (!text.toLowerCase(Locale.ROOT).matches("(?s).*root-is-purelib:\\s*true.*")) {
                        throw new PackageException(fileName + " is not a pure-Python wheel: its WHEEL file does not say "
                                + "Root-Is-Purelib: true");
                    }
                    Path target = Archives.target(folder, name);
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, text);
                    continue;
                }
                Path target;
                try {
                    target = Archives.target(folder, name);
                } catch (IOException outside) {
                    throw new PackageException(fileName + " is not a valid wheel: " + outside.getMessage());
                }
                if (target == null) continue;
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new PackageException(fileName + " is not a valid wheel: " + e.getMessage());
        }
        if (!sawWheelFile) throw new PackageException(fileName + " is not a valid wheel: it has no *.dist-info/WHEEL file");
    }

    private static Installed installed(String fileName, Path folder) throws IOException {
        Matcher name = WHEEL_NAME.matcher(fileName);
        name.matches();
        return new Installed(name.group(1), name.group(2), folder, topLevel(folder));
    }

    /** The importable top-level names: {@code top_level.txt} when the wheel has one, else what the folder holds. */
    static List<String> topLevel(Path folder) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                String file = entry.getFileName().toString();
                if (file.endsWith(".dist-info") && Files.isRegularFile(entry.resolve("top_level.txt"))) {
                    names.clear();
                    for (String line : Files.readAllLines(entry.resolve("top_level.txt"))) {
                        if (!line.isBlank()) names.add(line.strip());
                    }
                    return new ArrayList<>(names);
                }
                if (file.endsWith(".dist-info") || file.endsWith(".data") || file.startsWith(".")) continue;
                if (Files.isDirectory(entry)) {
                    names.add(file);
                } else if (file.endsWith(".py")) {
                    names.add(file.substring(0, file.length() - 3));
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) return;
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
    }
}
