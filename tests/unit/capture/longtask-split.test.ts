// Reading the long-task page's figures (tests/fixtures/longtask-page.ts): which long tasks are the page's own.
import { describe, expect, it } from 'vitest';
import { heavyOutside, splitLongTasks } from '../../fixtures/longtask-page';

const marks = { 'page-fetch': 1000, 'page-read': 2000, 'page-work-start': 2000, 'page-work-end': 2300 };

describe('splitLongTasks', () => {
  it('page load before the fetch is left out; the body read and the parse/render window are the page’s; the rest is outside', () => {
    const tasks: [number, number][] = [
      [100, 300], // page load: ended before the fetch
      [1500, 450], // receiving and decoding the body, before page-read
      [1995, 120], // the task holding page-work-start (JSON.parse)
      [2250, 60], // render, inside the window
      [2400, 70], // after the window: outside
      [3000, 55], // outside
    ];
    expect(splitLongTasks({ tasks, marks })).toEqual({ own: [450, 120, 60], outside: [70, 55], outsideCpu: [null, null] });
    // with thread times: the 70 ms task did 3 ms of work (the machine's load), the 55 ms one 52 ms (ours)
    const split = splitLongTasks({ tasks, marks }, (at) => (at === 2400 ? 3 : at === 3000 ? 52 : null));
    expect(split.outsideCpu).toEqual([3, 52]);
    expect(heavyOutside(split)).toEqual([55]);
    // unknown work counts as heavy
    expect(heavyOutside(splitLongTasks({ tasks, marks }))).toEqual([70, 55]);
  });

  it('refuses figures without the page’s marks (a page that never finished)', () => {
    expect(() => splitLongTasks({ tasks: [], marks: { 'page-fetch': 1 } })).toThrow(/marks missing/);
  });
});
