/**
 * The people of the local sandbox: two learners, an instructor and a coordinator, with fixed Telegram ids so a
 * page reload, a restart on the same Redis and the tests all meet the same chats.
 */
import type { Role } from "../bot/context.js";
import type { Position } from "../store/index.js";
import type { EmuUser } from "./emulator/index.js";

export interface Persona {
  key: "an" | "binh" | "instructor" | "coordinator";
  /** The role the persona is meant to have (seeding makes it true: class enrolment, teaching, config list). */
  role: Role;
  user: EmuUser;
  profile: { fullName: string; unit: string; position: Position };
}

export const PERSONAS: readonly Persona[] = [
  {
    key: "an",
    role: "learner",
    user: { id: 710001, first_name: "An", last_name: "Nguyễn Văn", username: "an_nguyen", language_code: "vi" },
    profile: { fullName: "Nguyễn Văn An", unit: "Chi bộ thôn Đông, xã Hoà Bình", position: "bi_thu" },
  },
  {
    key: "binh",
    role: "learner",
    user: { id: 710002, first_name: "Bình", last_name: "Trần Thị", language_code: "vi" },
    profile: { fullName: "Trần Thị Bình", unit: "Chi bộ khu phố 2, thị trấn Phú Mỹ", position: "chi_uy_vien" },
  },
  {
    key: "instructor",
    role: "instructor",
    user: { id: 720001, first_name: "Tuấn", last_name: "Đỗ Minh", username: "gv_tuan", language_code: "vi" },
    profile: { fullName: "Đỗ Minh Tuấn", unit: "Trung tâm Chính trị huyện", position: "khac" },
  },
  {
    key: "coordinator",
    role: "coordinator",
    user: { id: 790001, first_name: "Hà", last_name: "Lê Thu", username: "cb_ha", language_code: "vi" },
    profile: { fullName: "Lê Thu Hà", unit: "Ban Tuyên giáo Huyện uỷ", position: "khac" },
  },
];

/** Sandbox coordinators are bootstrap coordinators, as `COORDINATOR_IDS` would make them in production. */
export const SANDBOX_COORDINATOR_IDS: readonly number[] = PERSONAS.filter((p) => p.role === "coordinator").map(
  (p) => p.user.id,
);
