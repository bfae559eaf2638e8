import { describe, expect, it } from 'vitest';
import { fromPolicyInputs, fromTargetInput, toPolicyInputs, toTargetInput } from './sla-targets';

describe('SLA target inputs', () => {
  it('splits minutes into hours and minutes and back', () => {
    expect(toTargetInput(90)).toEqual({ hours: '1', minutes: '30' });
    expect(toTargetInput(null)).toEqual({ hours: '', minutes: '' });
    expect(fromTargetInput({ hours: '1', minutes: '30' })).toBe(90);
    expect(fromTargetInput({ hours: '', minutes: '45' })).toBe(45);
    expect(fromTargetInput({ hours: '8', minutes: '' })).toBe(480);
  });

  it('reads two empty boxes as no target', () => {
    expect(fromTargetInput({ hours: ' ', minutes: '' })).toBeNull();
  });

  it('refuses what the server would', () => {
    for (const input of [
      { hours: '1.5', minutes: '' },
      { hours: '-1', minutes: '' },
      { hours: '0', minutes: '60' },
      { hours: '0', minutes: '0' },
      { hours: '8761', minutes: '' },
    ])
      expect(fromTargetInput(input), JSON.stringify(input)).toBeUndefined();
    expect(fromTargetInput({ hours: '8760', minutes: '' })).toBe(525_600);
  });

  it('names the cells that cannot be saved', () => {
    const inputs = toPolicyInputs([
      { priority: 'normal', firstResponseMinutes: 240, nextResponseMinutes: null, resolutionMinutes: 2880 },
      { priority: 'urgent', firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: null },
    ]);
    expect(fromPolicyInputs(inputs)).toEqual({
      policies: [
        { priority: 'normal', firstResponseMinutes: 240, nextResponseMinutes: null, resolutionMinutes: 2880 },
        { priority: 'urgent', firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: null },
      ],
      invalid: [],
    });
    inputs.urgent.nextResponseMinutes = { hours: 'x', minutes: '' };
    expect(fromPolicyInputs(inputs).invalid).toEqual(['urgent.nextResponseMinutes']);
  });
});
