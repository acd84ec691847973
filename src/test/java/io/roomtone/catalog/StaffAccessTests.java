package io.roomtone.catalog;

import static io.roomtone.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.roomtone.support.Api;
import io.roomtone.support.Callers;
import io.roomtone.support.NewStaff;
import io.roomtone.support.RoomtoneTest;
import io.roomtone.support.StaffView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Only the studio's owners and admins manage its staff; other studios do not even see them. */
@RoomtoneTest
class StaffAccessTests {

    @Autowired
    Api api;

    @Test
    void onlyOwnersAndAdminsManageStaff() {
        String id = NewStaff.invited(api).id();
        for (Map.Entry<String, String> caller : Callers.nonAdmins(api).entrySet()) {
            int expected = caller.getValue() == null ? 401 : 403;
            String token = caller.getValue();
            String path = "/api/admin/staff/" + id;
            assertThat(List.of(
                            api.get("/api/admin/staff", token).status(),
                            api.post("/api/admin/staff", json("email", NewStaff.email(), "name", "X"), token)
                                    .status(),
                            api.get(path, token).status(),
                            api.patch(path, json("name", "X"), token).status(),
                            api.delete(path, token).status(),
                            api.post(path + "/invitation", null, token).status(),
                            api.post(path + "/ics-token", null, token).status()))
                    .as(caller.getKey())
                    .containsOnly(expected);
        }
        StaffView member = api.get("/api/admin/staff/" + id, api.ownerToken()).as(StaffView.class);
        assertThat(member.name()).isEqualTo("Sam Engineer");
        assertThat(member.icsFeedEnabled()).isFalse();
    }

    @Test
    void anotherStudioCannotSeeOrTouchTheseStaff() {
        String id = NewStaff.invited(api).id();
        String other = api.newStudio().ownerToken();
        String path = "/api/admin/staff/" + id;

        assertThat(List.of(
                        api.get(path, other).status(),
                        api.patch(path, json("name", "Theirs"), other).status(),
                        api.delete(path, other).status(),
                        api.post(path + "/invitation", null, other).status(),
                        api.post(path + "/ics-token", null, other).status()))
                .containsOnly(404);
        assertThat(api.get("/api/admin/staff", other).body()).doesNotContain(id);
        StaffView ours = api.get(path, api.ownerToken()).as(StaffView.class);
        assertThat(ours.name()).isEqualTo("Sam Engineer");
        assertThat(ours.icsFeedEnabled()).isFalse();
    }
}
