/**
 * Notifications to people (escalations today): channels named in specs are connector
 * definitions in {@code connectors/} (webhook and Slack) or {@code log}, the default. Sent
 * after the engine transaction commits, so a rolled-back escalation notifies nobody.
 */
@EngineSide
package dev.baton.notify;

import dev.baton.EngineSide;
