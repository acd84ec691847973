/**
 * The one test-support layer every module's tests use.
 *
 * <ul>
 *   <li>{@link io.roomtone.support.RoomtoneTest}: the full application on a random port; every test
 *       class with only this annotation shares one Spring context.
 *   <li>{@link io.roomtone.support.Api}: the low-level HTTP client. Its
 *       {@link io.roomtone.support.Api.Response} is checked with {@code expect(status)} (the only way
 *       tests check a single status: the failure shows the request and the body) and read into views
 *       with {@code as(View.class)}, {@code asListOf(View.class)}, {@code problem()} and
 *       {@code invalidFields()}.
 *   <li>{@link io.roomtone.support.TestStudio}: a studio of a test's own, with named set-up
 *       ({@code openWithApproval()}, {@code service().inRoomsTagged("vocal").withEngineerSkilled("mixing").create()},
 *       {@code engineer(skill)}, {@code book(...)}, {@code hold(...)}, {@code slotStarts(...)}).
 *   <li>{@link io.roomtone.support.BookingRequest} and {@link io.roomtone.support.HoldRequest}: request
 *       bodies with named options ({@code withHold}, {@code forClient}, {@code overridingRules}, ...).
 *   <li>Views, records of what the API answers: {@code BookedView}, {@code BookingView},
 *       {@code MyBookingsView}, {@code HoldView}, {@code QuoteView}, {@code RescheduledView},
 *       {@code CancellationView}, {@code SlotsView}/{@code SlotView}, {@code ProblemView},
 *       {@code RoomView}, {@code ServiceView}, {@code StaffView}, {@code InvitationView},
 *       {@code SessionView}, {@code AuditView}.
 *   <li>{@link io.roomtone.support.Callers} (who else calls the API, and what the back office refuses
 *       them), {@link io.roomtone.support.Audit} (the audit log of an entity) and
 *       {@link io.roomtone.support.NewStaff} (the engineer the staff tests hire).
 * </ul>
 */
package io.roomtone.support;
