package io.roomtone.shared;

import java.util.List;
import java.util.Map;

/**
 * A refusal that the HTTP layer turns into an RFC 9457 problem with a stable {@link ProblemCode}.
 * Modules throw it (or its named subclasses) instead of returning error values across the API.
 */
public class RoomtoneException extends RuntimeException {

    private final ProblemCode code;
    private final List<FieldProblem> fieldProblems;
    private final Map<String, Object> properties;

    public RoomtoneException(ProblemCode code, String detail) {
        this(code, detail, List.of(), Map.of());
    }

    public RoomtoneException(
            ProblemCode code, String detail, List<FieldProblem> fieldProblems, Map<String, Object> properties) {
        super(detail);
        this.code = code;
        this.fieldProblems = List.copyOf(fieldProblems);
        this.properties = Map.copyOf(properties);
    }

    public ProblemCode code() {
        return code;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }

    /** Extra members of the problem response, for example the bookings that block a change. */
    public Map<String, Object> properties() {
        return properties;
    }

    public static RoomtoneException notFound(String entity, Object id) {
        return new RoomtoneException(ProblemCode.NOT_FOUND, "No " + entity + " with id " + id + ".");
    }

    public static RoomtoneException conflict(String detail) {
        return new RoomtoneException(ProblemCode.CONFLICT, detail);
    }

    public static RoomtoneException invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    public static RoomtoneException invalid(List<FieldProblem> problems) {
        String detail = problems.size() == 1
                ? problems.get(0).field() + ": " + problems.get(0).message()
                : problems.size() + " fields are invalid.";
        return new RoomtoneException(ProblemCode.VALIDATION_FAILED, detail, problems, Map.of());
    }
}
