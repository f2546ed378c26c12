package de.participation.localstack;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One request as it goes over the wire ({@link RawHttp}), with the faults a test put into it, for
 * the report of a failing try.
 */
public record HostileRequest(String method, String path, Map<String, byte[]> headers, byte[] body, List<String> faults) {

    public RawHttp.Response sendTo(int port) {
        return RawHttp.send(port, method + " " + path + " HTTP/1.1", headers, body);
    }

    public HostileRequest withHeader(String name, byte[] value, String fault) {
        Map<String, byte[]> changed = new LinkedHashMap<>(headers);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new HostileRequest(method, path, changed, body, with(fault));
    }

    public HostileRequest withBody(String json, String fault) {
        return new HostileRequest(method, path, headers, json.getBytes(StandardCharsets.UTF_8), with(fault));
    }

    public HostileRequest withBody(byte[] raw, String fault) {
        return new HostileRequest(method, path, headers, raw, with(fault));
    }

    public HostileRequest withPath(String changedPath, String fault) {
        return new HostileRequest(method, changedPath, headers, body, with(fault));
    }

    public HostileRequest withMethod(String changedMethod, String fault) {
        return new HostileRequest(changedMethod, path, headers, body, with(fault));
    }

    private List<String> with(String fault) {
        return fault == null ? faults : Stream.concat(faults.stream(), Stream.of(fault)).toList();
    }

    @Override
    public String toString() {
        String shownBody = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return method + " " + path + " " + faults + " body="
                + (shownBody.length() > 300 ? shownBody.substring(0, 300) + "…" : shownBody);
    }
}
