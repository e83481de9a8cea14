// Dates, times and language names as an agent reads them.

const UI_LOCALE = "en";
const languageNames = new Intl.DisplayNames([UI_LOCALE], { type: "language" });
const regionNames = new Intl.DisplayNames([UI_LOCALE], { type: "region" });
const shortDate = new Intl.DateTimeFormat(UI_LOCALE, { day: "numeric", month: "short" });
const longDate = new Intl.DateTimeFormat(UI_LOCALE, { dateStyle: "medium", timeStyle: "short" });
const clock = new Intl.DateTimeFormat(UI_LOCALE, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

export function languageName(code) {
  if (!code) return "";
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code; // not a BCP 47 tag the browser knows
  }
}

export function regionName(code) {
  if (!code) return "";
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export function relativeTime(iso, now = Date.now()) {
  if (!iso) return "";
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (seconds < 45) return "now";
  if (seconds < 3600) return `${Math.round(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)}h`;
  if (seconds < 7 * 86400) return `${Math.round(seconds / 86400)}d`;
  return shortDate.format(new Date(iso));
}

export function fullDate(iso) {
  return iso ? longDate.format(new Date(iso)) : "";
}

export function clockTime(iso) {
  return iso ? clock.format(new Date(iso)) : "";
}

/** "Tue 14:05 (GMT+9)" in the given IANA zone, or null when the zone is unknown. */
export function localTimeIn(timeZone, date = new Date()) {
  if (!timeZone) return null;
  try {
    return new Intl.DateTimeFormat(UI_LOCALE, {
      timeZone,
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    }).format(date);
  } catch {
    return null;
  }
}

/** A <time> element that the console's ticker keeps relative ("5m", "2h"). */
export function refreshRelativeTimes(root = document) {
  for (const element of root.querySelectorAll("time[data-relative]")) {
    element.textContent = relativeTime(element.dateTime);
  }
}

/** "14:05" today, "3 Mar 14:05" before. */
export function messageTime(iso, now = new Date()) {
  if (!iso) return "";
  const date = new Date(iso);
  const today = date.toDateString() === now.toDateString();
  return today ? clock.format(date) : `${shortDate.format(date)} ${clock.format(date)}`;
}
