package de.participation.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/**
 * A slice of a list endpoint: {@code ?offset=&limit=}, at most {@value #MAX_LIMIT} items, so that a
 * meeting with a hundred thousand registrations is never sent whole. The body stays the JSON array
 * of API.md; {@code X-Total-Count} tells how many there are and {@code Link: rel="next"} where the
 * next slice is.
 */
public record Page(int offset, int limit) {

    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 1000;

    public <T> List<T> of(List<T> all) {
        int from = Math.min(offset, all.size());
        return all.subList(from, (int) Math.min(all.size(), (long) offset + limit));
    }

    public <T> ResponseEntity<List<T>> response(List<T> items, long total) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Total-Count", Long.toString(total));
        if ((long) offset + items.size() < total) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("offset", offset + items.size())
                    .replaceQueryParam("limit", limit)
                    .build().toUriString();
            headers.set(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return ResponseEntity.ok().headers(headers).body(items);
    }
}
