/**
 * What each business adds to Rapport's objects: custom fields with their types, choices,
 * rules and order, and industry templates that set them up in one step.
 */
@ApplicationModule(allowedDependencies = { "platform", "identity" })
@NullMarked
package dev.rapport.customization;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
