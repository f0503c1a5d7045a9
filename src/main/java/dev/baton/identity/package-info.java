/**
 * People: the demo users and groups created on first start of a demo installation, so that a
 * newcomer can log into Tasklist and approve the sample workflows' gates.
 */
@EngineSide
package dev.baton.identity;

import dev.baton.EngineSide;
