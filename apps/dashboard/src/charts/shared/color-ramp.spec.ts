import { describe, expect, it } from 'vitest';
import { paletteIndex, parseColor, rampAt, rampPalette } from './color-ramp';

describe('colour ramp', () => {
  it('parses hex and rgb() colours, and nothing else', () => {
    expect(parseColor('#fff')).toEqual([255, 255, 255]);
    expect(parseColor('#0a141e')).toEqual([10, 20, 30]);
    expect(parseColor('#0a141eff')).toEqual([10, 20, 30]);
    expect(parseColor(' rgba(1, 2, 3, 0.5) ')).toEqual([1, 2, 3]);
    expect(parseColor('rgb(1 2 3)')).toEqual([1, 2, 3]);
    expect(parseColor('red')).toBeUndefined();
    expect(parseColor('#12')).toBeUndefined();
  });

  it('interpolates between evenly spaced stops and clamps outside [0, 1]', () => {
    const stops = [
      [0, 0, 0],
      [100, 200, 50],
      [200, 0, 250],
    ] as const;
    expect(rampAt(stops, 0)).toEqual([0, 0, 0]);
    expect(rampAt(stops, 0.25)).toEqual([50, 100, 25]);
    expect(rampAt(stops, 0.5)).toEqual([100, 200, 50]);
    expect(rampAt(stops, 1)).toEqual([200, 0, 250]);
    expect(rampAt(stops, 7)).toEqual([200, 0, 250]);
    expect(rampAt(stops, Number.NaN)).toEqual([0, 0, 0]);
  });

  it('samples a palette end to end and bins values into it', () => {
    expect(rampPalette([[0, 0, 0], [255, 255, 255]], 3)).toEqual(['rgb(0,0,0)', 'rgb(128,128,128)', 'rgb(255,255,255)']);
    expect(rampPalette([[0, 0, 0]], 1, 0.5)).toEqual(['rgba(0,0,0,0.5)']);
    expect([0, 0.49, 0.51, 1, 2, Number.NaN].map((t) => paletteIndex(t, 3))).toEqual([0, 1, 1, 2, 2, 0]);
  });
});
