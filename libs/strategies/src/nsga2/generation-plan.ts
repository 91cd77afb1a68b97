/**
 * Which generation a trial belongs to, from its number: generation 0 is the
 * first `firstSize` trials, each later one the next `size`.
 */
export class GenerationPlan {
  constructor(
    readonly firstSize: number,
    readonly size: number,
  ) {}

  generationOf(trialNumber: number): number {
    return trialNumber < this.firstSize ? 0 : 1 + Math.floor((trialNumber - this.firstSize) / this.size);
  }
}
