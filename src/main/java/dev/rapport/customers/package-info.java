/**
 * The customer database: people and companies with their contact data, tags and lifecycle
 * stage, found fast by name, e-mail or phone, and reached only as the access policy
 * allows.
 */
@ApplicationModule(allowedDependencies = { "platform", "identity", "customization" })
@NullMarked
package dev.rapport.customers;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
