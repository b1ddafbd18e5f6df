import type { StoredDoc } from '../ports/store';

/** 乡镇（街道）: one of Xianju's 20 townships and streets. */
export interface Township extends StoredDoc {
  name: string;
  /** 街道 (street), 镇 (town) or 乡 (township). */
  kind: 'street' | 'town' | 'township';
  order: number;
}

/** The kinds of studio the source describes. */
export const STUDIO_KINDS = ['township', 'county_department', 'county_joint', 'social', 'two_new'] as const;
export type StudioKind = (typeof STUDIO_KINDS)[number];

/** 党代表工作室. */
export interface Studio extends StoredDoc {
  name: string;
  kind: StudioKind;
  /** Where the studio sits; county departments sit in the county seat's street. */
  townshipId: string;
  address: string;
  location: { latitude: number; longitude: number };
  /** 开放时间, as shown on the wall. */
  openingHours: string;
  phone: string;
  /** 工作职责. */
  duties: string[];
  /** 工作制度. */
  rules: string[];
  order: number;
}

/** 党代表. */
export interface Representative extends StoredDoc {
  name: string;
  /** 工作单位及职务. */
  unit: string;
  /** Photo URL (a placeholder in the demo data). */
  photo: string;
  studioId: string;
  /** 县党代表 or 乡镇党代表 and a line of basic information (代表基本情况). */
  level: 'county' | 'township';
  intro: string;
  phone: string;
  wechat: string;
  /**
   * The representative agreed (`members.consent`, by themselves) that residents see this mobile
   * and WeChat id; otherwise residents see the studio's phone instead. Absent: not agreed.
   */
  contactPublic?: boolean;
}

/** 有关单位: a county department that referred items go to. */
export interface Department extends StoredDoc {
  name: string;
}
