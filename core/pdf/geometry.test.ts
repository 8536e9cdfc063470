import { describe, expect, it } from 'vitest';
import { boxToCss, pageSize, renderPageCanvas } from './geometry.ts';

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

describe('renderPageCanvas', () => {
  it('sizes the canvas in device and CSS pixels and renders with the device scale', () => {
    const calls: unknown[] = [];
    const page = {
      getViewport: ({ scale }: { scale: number }) => ({ width: 595.28 * scale, height: 841.89 * scale }),
      render: (o: unknown) => (calls.push(o), { promise: Promise.resolve(), cancel: () => undefined }),
    };
    const { canvas } = renderPageCanvas(page, 1.5, 2, () => ({ width: 0, height: 0, style: { width: '', height: '' } }));
    expect([canvas.width, canvas.height, canvas.style.width, canvas.style.height]).toEqual([1785, 2525, '892.92px', '1262.835px']);
    expect((calls[0] as { transform: number[] }).transform).toEqual([2, 0, 0, 2, 0, 0]);
    renderPageCanvas(page, 1, 1, () => ({ width: 0, height: 0, style: { width: '', height: '' } }));
    expect((calls[1] as { transform?: number[] }).transform).toBeUndefined();
  });
});
