import { askNotificationPermission, notificationPermission } from "../../_lib/reminders-client";

/**
 * The first time someone sets a reminder (from a click or a key press, as browsers require),
 * ask to show notifications. Called before any await, so the gesture still counts.
 */
export function askForReminderPermission(): void {
  if (notificationPermission() === "default") void askNotificationPermission();
}
