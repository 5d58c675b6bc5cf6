/**
 * Cross-cutting plumbing every module builds on: the acting user and workspace, ids,
 * audit columns, problem+json errors, optimistic concurrency, messages and the page
 * layout.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package dev.rapport.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
