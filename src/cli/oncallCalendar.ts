/**
 * `incident oncall --ics ROTATION`: the rotation's shifts as an iCalendar
 * file (RFC 5545, written by ical-generator), one event per stretch one
 * person holds a layer, and one per gap, for people to subscribe to from
 * their calendar. Times are UTC instants, which every calendar shows in its
 * own zone; an event's id is its rotation, layer and start, so a calendar
 * regenerated later (in CI, say) updates the same events instead of adding
 * copies. Bounded: the next `weeks` weeks, at most SEGMENT_LIMIT events a layer.
 */
import ical from 'ical-generator';
import { rotationSegments, SEGMENT_LIMIT } from '../core/oncall/onCall';
import type { OncallPlan } from '../core/oncall/oncallPlan';

const WEEK_MS = 7 * 24 * 3_600_000;
const PRODUCT_ID = { company: 'Incident Responder', product: 'incident oncall', language: 'EN' };

/** The calendar text, and whether every shift in the range is in it. */
export function rotationCalendar(plan: OncallPlan, rotation: string, now: Date, weeks: number): { text: string; complete: boolean; events: number } {
  const { segments, complete } = rotationSegments(plan, rotation, now, new Date(now.getTime() + weeks * WEEK_MS), SEGMENT_LIMIT);
  const calendar = ical({ name: `On call: ${rotation}`, prodId: PRODUCT_ID, ttl: 60 * 60 * 6 });
  for (const segment of segments) {
    const start = segment.from ?? now;
    calendar.createEvent({
      id: `${segment.rotation}.${segment.layer}.${start.toISOString()}@incident-responder`,
      start,
      end: segment.until,
      stamp: now,
      summary: `${segment.rotation} ${segment.layer}: ${segment.person ?? 'nobody on call'}`,
      ...(segment.override ? { description: `Override${segment.override.note ? `: ${segment.override.note}` : ''}` } : {}),
    });
  }
  return { text: calendar.toString(), complete, events: segments.length };
}
