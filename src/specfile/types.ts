// Names for the generated spec types (src/specfile/spec-types.ts is generated from the JSON Schema).
import type { SdcoachArchitectureSpecV1, Component, Flow } from './spec-types.js';

export type Spec = SdcoachArchitectureSpecV1;
export type SpecComponent = Component;
export type SpecFlow = Flow;
export type ComponentKind = Component['kind'];
export type { Component, Flow };
