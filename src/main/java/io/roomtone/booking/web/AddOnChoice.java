package io.roomtone.booking.web;

import io.roomtone.booking.ServiceItem;
import io.roomtone.catalog.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The add-ons an artist asked for, read from the parameters {@code addon-<service id>=<quantity>}
 * (one number field per add-on the studio offers). A field left empty or at 0 means none; any other
 * quantity goes to the quote and the booking as typed, which refuse what the API refuses (1 to 99)
 * with the API's words. What is not even a number, or names no add-on of this studio, is refused
 * here.
 */
final class AddOnChoice {

    static final String PREFIX = "addon-";

    /** One add-on of the studio, with the quantity as typed. */
    record Row(Service service, String quantity) {

        public String field() {
            return PREFIX + service.id();
        }
    }

    private final List<Row> rows;
    private final Map<String, String> problems;

    private AddOnChoice(List<Row> rows, Map<String, String> problems) {
        this.rows = rows;
        this.problems = problems;
    }

    /** No add-ons chosen yet among {@code offered}. */
    static AddOnChoice none(List<Service> offered) {
        return new AddOnChoice(offered.stream().map(s -> new Row(s, "")).toList(), Map.of());
    }

    static AddOnChoice read(MultiValueMap<String, String> params, List<Service> offered) {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, String> typed = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (!name.startsWith(PREFIX)) {
                return;
            }
            boolean known = offered.stream().anyMatch(s -> (PREFIX + s.id()).equals(name));
            if (!known) {
                problems.putIfAbsent(
                        "addons", "'" + name.substring(PREFIX.length()) + "' is not an add-on of this studio");
            } else if (values.size() > 1) {
                problems.put(name, "is given twice");
            } else {
                typed.put(name, values.get(0) == null ? "" : values.get(0).strip());
            }
        });
        List<Row> rows = new ArrayList<>();
        for (Service service : offered) {
            Row row = new Row(service, typed.getOrDefault(PREFIX + service.id(), ""));
            rows.add(row);
            if (!row.quantity().isEmpty() && quantity(row).isEmpty()) {
                problems.putIfAbsent(row.field(), "must be a whole number");
            }
        }
        return new AddOnChoice(List.copyOf(rows), problems);
    }

    List<Row> rows() {
        return rows;
    }

    Map<String, String> problems() {
        return problems;
    }

    /** The rows with a quantity other than 0: what the basket gets, in this order. */
    List<Row> chosen() {
        return rows.stream()
                .filter(r -> quantity(r).filter(q -> q != 0).isPresent())
                .toList();
    }

    /** The basket: {@code session} first, then the chosen add-ons. */
    List<ServiceItem> items(Service session) {
        List<ServiceItem> items = new ArrayList<>();
        items.add(new ServiceItem(session.id(), 1));
        chosen().forEach(r ->
                items.add(new ServiceItem(r.service().id(), quantity(r).orElseThrow())));
        return items;
    }

    /**
     * The page's field of a problem the quote or the booking named by the basket's index ({@code
     * service_items[2].qty}): index 0 is the session, the others follow {@link #chosen()}.
     */
    Optional<String> fieldOf(String apiField) {
        if (!apiField.startsWith("service_items[")) {
            return Optional.empty();
        }
        int close = apiField.indexOf(']');
        try {
            int index = Integer.parseInt(apiField.substring("service_items[".length(), close));
            List<Row> chosen = chosen();
            return index >= 1 && index <= chosen.size()
                    ? Optional.of(chosen.get(index - 1).field())
                    : Optional.of("service");
        } catch (RuntimeException e) {
            return Optional.of("addons");
        }
    }

    void params(UriComponentsBuilder uri) {
        chosen().forEach(r -> uri.queryParam(r.field(), r.quantity()));
    }

    private static Optional<Integer> quantity(Row row) {
        if (row.quantity().isEmpty()) {
            return Optional.of(0);
        }
        try {
            return Optional.of(Integer.valueOf(row.quantity()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
