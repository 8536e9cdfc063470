import { describe, expect, it } from 'vitest';
import { boxToCss, pageSize } from './geometry.ts';

const A4: [number, number, number, number] = [0, 0, 595.28, 841.89];

describe('boxToCss', () => {
  it('flips y: a box at the bottom of the page is drawn at the bottom', () => {
    const css = boxToCss({ page: 1, x: 10, y: 0, width: 100, height: 20 }, A4, 1);
    expect(css.left).toBe(10);
    expect(css.top).toBeCloseTo(821.89);
    expect(css.width).toBe(100);
    expect(css.height).toBe(20);
  });
  it('scales and pads', () => {
    const css = boxToCss({ page: 1, x: 100, y: 700, width: 50, height: 10 }, A4, 2, 1);
    expect(css.left).toBe(198);
    expect(css.top).toBeCloseTo((841.89 - 710 - 1) * 2);
    expect(css.width).toBe(104);
    expect(css.height).toBe(24);
  });
  it('honours a view box that does not start at the origin', () => {
    const css = boxToCss({ page: 1, x: 50, y: 50, width: 10, height: 10 }, [20, 30, 220, 330], 1);
    expect(css).toEqual({ left: 30, top: 270, width: 10, height: 10 });
  });
  it('refuses a non-positive scale', () => {
    expect(() => boxToCss({ page: 1, x: 0, y: 0, width: 1, height: 1 }, A4, 0)).toThrow(RangeError);
  });
  it('sizes pages', () => {
    expect(pageSize(A4, 1.5).width).toBeCloseTo(892.92);
  });
});
