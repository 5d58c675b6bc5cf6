/**
 * Realistic generated data: people and companies in several scripts and languages, with
 * contact data, custom field values, interactions and purchases, for demos and
 * benchmarks.
 */
@ApplicationModule(allowedDependencies = { "platform", "identity", "customization", "customers", "sales" })
@NullMarked
package dev.rapport.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
