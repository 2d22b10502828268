import { clockTime, flattenCallRecording, transcriptText } from '../../src/values/meetings';
import { meeting, recording, transcriptPage } from '../fixtures/events';

const segments = (lines: Array<[string, string, number]>) => transcriptPage('m', 'r', lines).data.transcript;

describe('values/meetings', () => {
  it('clockTime: mm:ss, h:mm:ss past the hour', () => {
    expect([clockTime(0), clockTime(65.9), clockTime(3599), clockTime(3661)]).toEqual(['00:00', '01:05', '59:59', '1:01:01']);
  });

  it('transcriptText: one line per turn, consecutive segments of a speaker joined, blank speech dropped', () => {
    const text = transcriptText(segments([['Alex', 'Hello,', 0.5], ['Alex', 'Mr Watson.', 1], ['Tom', '  ', 3], ['Tom', "I'm here.", 4.2], ['Alex', 'Good.', 70]]));
    expect(text).toBe("[00:00] Alex: Hello, Mr Watson.\n[00:04] Tom: I'm here.\n[01:10] Alex: Good.");
  });

  it('an unnamed speaker is said as such', () => {
    expect(transcriptText([{ speech: 'Hi', start_time: 0, end_time: 1, speaker: { name: ' ' } }])).toBe('[00:00] Unknown speaker: Hi');
  });

  it('flattenCallRecording: an all-day meeting gives dates and no timezone; a missing meeting gives empty meeting fields', () => {
    const allDay = meeting('m', { is_all_day: true, start: { date: '2025-01-15' }, end: { date: '2025-01-16' } });
    expect(flattenCallRecording(recording('m', 'r'), allDay, { ready: false, reason: 'not ready yet' })).toMatchObject({
      start: '2025-01-15',
      end: '2025-01-16',
      timezone: null,
      transcript: null,
      transcript_ready: false,
      transcript_status: 'not ready yet',
      speakers: [],
    });
    expect(flattenCallRecording(recording('m', 'r'), null, { ready: false, reason: 'x' })).toMatchObject({ meeting_title: null, participants: [], organizer_email: null });
  });
});
