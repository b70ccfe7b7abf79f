import type { ModuleForm } from "~/domain/programme";

/** A valid module form: 6 ECTS, 20 h of lectures and 10 of tutorials, in the given semester. */
export const moduleForm = (code: string, semester = 1): ModuleForm => ({
  code,
  title: `Module ${code}`,
  semester,
  ects: 6,
  hoursLectures: 20,
  hoursTutorials: 10,
  hoursPractical: 0,
  hoursProjects: 0,
  assessmentMethod: "",
  description: "",
  teacherIds: [],
});
