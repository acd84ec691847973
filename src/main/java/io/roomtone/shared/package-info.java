/**
 * Values and errors every module speaks: {@link io.roomtone.shared.Money}, the problem codes of the
 * HTTP API and the exceptions that carry them.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.roomtone.shared;
