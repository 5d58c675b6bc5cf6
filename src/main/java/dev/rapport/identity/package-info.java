/**
 * Who works in Rapport and what each person may see: users, roles and their hierarchy,
 * teams, sign-in, API tokens, and the access policy every module applies to its records.
 */
@ApplicationModule(allowedDependencies = "platform")
@NullMarked
package dev.rapport.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
