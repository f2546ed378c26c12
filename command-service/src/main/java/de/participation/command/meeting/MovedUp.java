package de.participation.command.meeting;

import java.util.List;
import java.util.UUID;

/** Who moved up into freed seats, in order: confirmed at once, or offered the seats. */
public record MovedUp(List<UUID> promoted, List<UUID> offered) {

    static final MovedUp NOBODY = new MovedUp(List.of(), List.of());

    public MovedUp {
        promoted = List.copyOf(promoted);
        offered = List.copyOf(offered);
    }
}
