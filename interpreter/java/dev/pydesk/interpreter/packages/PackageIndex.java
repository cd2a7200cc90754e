package dev.pydesk.interpreter.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a package's pure-Python wheel on a package index that speaks PyPI's JSON API
 * ({@code <index>/<name>/json}, {@code <index>/<name>/<version>/json}).
 */
final class PackageIndex {
    static final String DEFAULT = "https://pypi.org/pypi";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A wheel to download: its file name, URL and (when the index gives it) sha256. */
    record Release(String fileName, String url, String sha256) {}

    private PackageIndex() {}

    static Release find(HttpClient http, String index, Requirement requirement) throws PackageException {
        String base = index.endsWith("/") ? index.substring(0, index.length() - 1) : index;
        String path = requirement.exactVersion() == null ? requirement.name() + "/json"
                : requirement.name() + "/" + requirement.exactVersion() + "/json";
        String url = base + "/" + path;
        String what = "\"" + requirement.text() + "\"";
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new PackageException("cannot install " + what + ": the package index " + base
                    + " cannot be reached (offline?). Use a wheel file next to the page instead: \"./name-1.0-py3-none-any.whl\"");
        } catch (HttpTimeoutException e) {
            throw new PackageException("cannot install " + what + ": the package index " + base + " did not answer in time");
        } catch (IOException | IllegalArgumentException e) {
            throw new PackageException("cannot install " + what + ": the package index " + base + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackageException("cannot install " + what + ": interrupted");
        }
        if (response.statusCode() == 404) {
            throw new PackageException("cannot install " + what + ": no such package"
                    + (requirement.exactVersion() == null ? "" : " version") + " on the package index " + base);
        }
        if (response.statusCode() >= 400) {
            throw new PackageException("cannot install " + what + ": the package index " + base + " answered "
                    + response.statusCode());
        }
        JsonNode files;
        try {
            files = JSON.readTree(response.body()).path("urls");
        } catch (IOException e) {
            throw new PackageException("cannot install " + what + ": the package index " + base
                    + " did not answer with PyPI's JSON: " + e.getMessage());
        }
        List<String> others = new ArrayList<>();
        for (JsonNode file : files) {
            String fileName = file.path("filename").asText("");
            if (fileName.endsWith(".whl") && WheelCache.impurity(fileName).isEmpty()) {
                String sha = file.path("digests").path("sha256").asText(null);
                return new Release(fileName, URI.create(url).resolve(file.path("url").asText()).toString(), sha);
            }
            others.add(fileName);
        }
        throw new PackageException("cannot install " + what + ": there is no pure-Python wheel (py3-none-any) of it on "
                + base + (others.isEmpty() ? "" : " (only " + String.join(", ", others) + ")")
                + ". PyDesk runs Python on GraalPy, which cannot use source distributions or wheels built for CPython");
    }
}
