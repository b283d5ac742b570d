"""The words of booking emails in the languages we ship, and dates in the reader's zone.

Dates and times are formatted by Babel (CLDR) in the recipient's language, so month and day
names, order and the 12/24-hour habit follow the locale. A language we have no words for
falls back to English words with the locale's own date format.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from babel import Locale

# Babel (and its locale data) is imported by the functions that word a date, so `serve`
# starts without it; the first email pays for it once.

DEFAULT_LANGUAGE = "en"

# (template, role) -> (subject, headline). {title} and {date} are filled in.
_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "scheduled.attendee": ("Confirmed: {title} on {date}", "Your meeting is scheduled"),
        "scheduled.organizer": ("New event: {title} on {date}", "A new event has been scheduled"),
        "awaiting.attendee": (
            "Awaiting confirmation: {title} on {date}",
            "Your booking was submitted and waits for the host's confirmation",
        ),
        "request.organizer": (
            "Confirm or decline: {title} on {date}",
            "A new booking needs your confirmation",
        ),
        "awaiting_payment.attendee": (
            "Payment needed: {title} on {date}",
            "Your booking is held until you pay for it",
        ),
        "confirmed.attendee": ("Confirmed: {title} on {date}", "Your booking has been confirmed"),
        "confirmed.organizer": ("Confirmed: {title} on {date}", "You confirmed this booking"),
        "declined.attendee": ("Declined: {title} on {date}", "Your booking request was declined"),
        "cancelled.attendee": ("Cancelled: {title} on {date}", "This event has been cancelled"),
        "cancelled.organizer": ("Cancelled: {title} on {date}", "This event has been cancelled"),
        "rescheduled.attendee": (
            "Rescheduled: {title} on {date}",
            "This event has been rescheduled",
        ),
        "rescheduled.organizer": (
            "Rescheduled: {title} on {date}",
            "This event has been rescheduled",
        ),
        "location_changed.attendee": (
            "Location changed: {title} on {date}",
            "The meeting's location has changed",
        ),
        "location_changed.organizer": (
            "Location changed: {title} on {date}",
            "You changed the meeting's location",
        ),
        "people_added.attendee": (
            "Updated: {title} on {date}",
            "More people were added to this meeting",
        ),
        "people_added.organizer": (
            "Updated: {title} on {date}",
            "More people were added to this meeting",
        ),
        "seat_added.organizer": ("New attendee: {title} on {date}", "Someone booked a seat"),
        "seat_cancelled.organizer": (
            "Seat cancelled: {title} on {date}",
            "An attendee cancelled their seat",
        ),
    },
    "de": {
        "scheduled.attendee": ("Bestätigt: {title} am {date}", "Ihr Termin ist gebucht"),
        "scheduled.organizer": (
            "Neuer Termin: {title} am {date}",
            "Ein neuer Termin wurde gebucht",
        ),
        "awaiting.attendee": (
            "Wartet auf Bestätigung: {title} am {date}",
            "Ihre Buchung wartet auf die Bestätigung des Gastgebers",
        ),
        "request.organizer": (
            "Bestätigen oder ablehnen: {title} am {date}",
            "Eine neue Buchung wartet auf Ihre Bestätigung",
        ),
        "confirmed.attendee": ("Bestätigt: {title} am {date}", "Ihre Buchung wurde bestätigt"),
        "confirmed.organizer": (
            "Bestätigt: {title} am {date}",
            "Sie haben diese Buchung bestätigt",
        ),
        "declined.attendee": (
            "Abgelehnt: {title} am {date}",
            "Ihre Buchungsanfrage wurde abgelehnt",
        ),
        "cancelled.attendee": ("Abgesagt: {title} am {date}", "Dieser Termin wurde abgesagt"),
        "cancelled.organizer": ("Abgesagt: {title} am {date}", "Dieser Termin wurde abgesagt"),
        "rescheduled.attendee": ("Verschoben: {title} am {date}", "Dieser Termin wurde verschoben"),
        "rescheduled.organizer": (
            "Verschoben: {title} am {date}",
            "Dieser Termin wurde verschoben",
        ),
        "seat_added.organizer": (
            "Neuer Teilnehmer: {title} am {date}",
            "Jemand hat einen Platz gebucht",
        ),
        "seat_cancelled.organizer": (
            "Platz abgesagt: {title} am {date}",
            "Ein Teilnehmer hat seinen Platz abgesagt",
        ),
    },
    "fr": {
        "scheduled.attendee": ("Confirmé : {title} le {date}", "Votre rendez-vous est réservé"),
        "scheduled.organizer": (
            "Nouvel événement : {title} le {date}",
            "Un nouvel événement a été réservé",
        ),
        "awaiting.attendee": (
            "En attente de confirmation : {title} le {date}",
            "Votre réservation attend la confirmation de l'hôte",
        ),
        "request.organizer": (
            "À confirmer ou refuser : {title} le {date}",
            "Une nouvelle réservation attend votre confirmation",
        ),
        "confirmed.attendee": ("Confirmé : {title} le {date}", "Votre réservation est confirmée"),
        "confirmed.organizer": (
            "Confirmé : {title} le {date}",
            "Vous avez confirmé cette réservation",
        ),
        "declined.attendee": (
            "Refusé : {title} le {date}",
            "Votre demande de réservation a été refusée",
        ),
        "cancelled.attendee": ("Annulé : {title} le {date}", "Cet événement a été annulé"),
        "cancelled.organizer": ("Annulé : {title} le {date}", "Cet événement a été annulé"),
        "rescheduled.attendee": ("Reprogrammé : {title} le {date}", "Cet événement a été déplacé"),
        "rescheduled.organizer": ("Reprogrammé : {title} le {date}", "Cet événement a été déplacé"),
        "seat_added.organizer": (
            "Nouveau participant : {title} le {date}",
            "Une place a été réservée",
        ),
        "seat_cancelled.organizer": (
            "Place annulée : {title} le {date}",
            "Un participant a annulé sa place",
        ),
    },
    "es": {
        "scheduled.attendee": ("Confirmado: {title} el {date}", "Tu reunión está programada"),
        "scheduled.organizer": (
            "Nuevo evento: {title} el {date}",
            "Se ha programado un nuevo evento",
        ),
        "awaiting.attendee": (
            "Pendiente de confirmación: {title} el {date}",
            "Tu reserva espera la confirmación del anfitrión",
        ),
        "request.organizer": (
            "Confirma o rechaza: {title} el {date}",
            "Una nueva reserva necesita tu confirmación",
        ),
        "confirmed.attendee": ("Confirmado: {title} el {date}", "Tu reserva ha sido confirmada"),
        "confirmed.organizer": ("Confirmado: {title} el {date}", "Has confirmado esta reserva"),
        "declined.attendee": (
            "Rechazado: {title} el {date}",
            "Tu solicitud de reserva fue rechazada",
        ),
        "cancelled.attendee": ("Cancelado: {title} el {date}", "Este evento ha sido cancelado"),
        "cancelled.organizer": ("Cancelado: {title} el {date}", "Este evento ha sido cancelado"),
        "rescheduled.attendee": (
            "Reprogramado: {title} el {date}",
            "Este evento ha sido reprogramado",
        ),
        "rescheduled.organizer": (
            "Reprogramado: {title} el {date}",
            "Este evento ha sido reprogramado",
        ),
        "seat_added.organizer": ("Nuevo asistente: {title} el {date}", "Alguien reservó una plaza"),
        "seat_cancelled.organizer": (
            "Plaza cancelada: {title} el {date}",
            "Un asistente canceló su plaza",
        ),
    },
}

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "what": "What",
        "when": "When",
        "who": "Who",
        "where": "Where",
        "description": "Description",
        "reason": "Reason",
        "previously": "Previously",
        "occurrences": "Every occurrence",
        "organizer": "Organizer",
        "manage": "Need to make a change?",
        "reschedule": "Reschedule",
        "cancel": "Cancel",
        "view": "View the booking",
        "calendar": "The attached invitation adds this event to your calendar.",
        "cancelled_calendar": "The attached file removes this event from your calendar.",
    },
    "de": {
        "what": "Was",
        "when": "Wann",
        "who": "Wer",
        "where": "Wo",
        "description": "Beschreibung",
        "reason": "Grund",
        "previously": "Vorher",
        "occurrences": "Alle Termine",
        "organizer": "Gastgeber",
        "manage": "Etwas ändern?",
        "reschedule": "Verschieben",
        "cancel": "Absagen",
        "view": "Buchung ansehen",
        "calendar": "Die angehängte Einladung trägt den Termin in Ihren Kalender ein.",
        "cancelled_calendar": "Die angehängte Datei entfernt den Termin aus Ihrem Kalender.",
    },
    "fr": {
        "what": "Quoi",
        "when": "Quand",
        "who": "Qui",
        "where": "Où",
        "description": "Description",
        "reason": "Motif",
        "previously": "Auparavant",
        "occurrences": "Toutes les occurrences",
        "organizer": "Organisateur",
        "manage": "Besoin d'un changement ?",
        "reschedule": "Reprogrammer",
        "cancel": "Annuler",
        "view": "Voir la réservation",
        "calendar": "L'invitation jointe ajoute cet événement à votre calendrier.",
        "cancelled_calendar": "Le fichier joint retire cet événement de votre calendrier.",
    },
    "es": {
        "what": "Qué",
        "when": "Cuándo",
        "who": "Quién",
        "where": "Dónde",
        "description": "Descripción",
        "reason": "Motivo",
        "previously": "Antes",
        "occurrences": "Todas las fechas",
        "organizer": "Organizador",
        "manage": "¿Necesitas hacer un cambio?",
        "reschedule": "Reprogramar",
        "cancel": "Cancelar",
        "view": "Ver la reserva",
        "calendar": "La invitación adjunta añade este evento a tu calendario.",
        "cancelled_calendar": "El archivo adjunto elimina este evento de tu calendario.",
    },
}


def language_of(tag: str | None) -> str:
    """The language part of a tag ("pt-BR" -> "pt"), lower case; English when unusable."""
    if not tag:
        return DEFAULT_LANGUAGE
    return tag.replace("_", "-").split("-")[0].lower() or DEFAULT_LANGUAGE


def babel_locale(tag: str | None) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse((tag or DEFAULT_LANGUAGE).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(DEFAULT_LANGUAGE)


def texts(template: str, role: str, tag: str | None) -> tuple[str, str]:
    key = f"{template}.{role}"
    table = _TEXTS.get(language_of(tag), _TEXTS[DEFAULT_LANGUAGE])
    return table.get(key) or _TEXTS[DEFAULT_LANGUAGE][key]


def labels(tag: str | None) -> dict[str, str]:
    return _LABELS.get(language_of(tag), _LABELS[DEFAULT_LANGUAGE])


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def clock_time(local: datetime, locale: Locale, time_format: int | None) -> str:
    """A time of day on the reader's clock: 12 ("9:00 AM"), 24 ("09:00"), or None for their
    language's custom; the language still words it (AM/PM marks, separators)."""
    from babel.dates import format_skeleton, format_time

    if time_format == 12:
        return format_skeleton("hm", local, locale=locale)
    if time_format == 24:
        return format_skeleton("Hm", local, locale=locale)
    return format_time(local, format="short", locale=locale)


def short_when(
    instant: datetime, zone_name: str | None, tag: str | None, time_format: int | None = None
) -> str:
    """For subjects: "Mar 25, 2030, 9:00 AM" in the reader's zone, language and clock."""
    from babel.dates import format_date

    local = instant.astimezone(zone(zone_name))
    locale = babel_locale(tag)
    date = format_date(local, format="medium", locale=locale)
    return f"{date}, {clock_time(local, locale, time_format)}"


def long_span(
    start: datetime,
    end: datetime,
    zone_name: str | None,
    tag: str | None,
    time_format: int | None = None,
) -> str:
    """For the body: "Monday, March 25, 2030, 9:00 AM – 9:30 AM (Central European Time)"."""
    from babel.dates import format_date, get_timezone_name

    place = zone(zone_name)
    local_start, local_end = start.astimezone(place), end.astimezone(place)
    locale = babel_locale(tag)
    day = format_date(local_start, format="full", locale=locale)
    begins = clock_time(local_start, locale, time_format)
    ends = clock_time(local_end, locale, time_format)
    if local_end.date() != local_start.date():
        ends = f"{format_date(local_end, format='full', locale=locale)}, {ends}"
    zone_label = get_timezone_name(local_start, width="long", locale=locale)
    return f"{day}, {begins} – {ends} ({zone_label}, {place.key})"
