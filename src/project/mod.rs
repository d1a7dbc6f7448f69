//! The only code that knows project files exist: find, read, parse, validate.
//!
//! [`load`] reads every input file of a project folder, parses each into its
//! raw struct, validates everything into a [`Project`] and returns either the
//! project or every problem found, with the texts needed to show them.

pub mod data;
mod front_matter;
mod funding;
pub mod git;
pub mod history;
mod image;
pub mod limits;
pub mod markdown_images;
mod plausibility;
pub mod raw;
pub mod source;
pub mod templates;
mod unknown_keys;
mod validate;
pub mod version;
mod yaml;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Diagnostics, Invalid, Position, slash_path};
use crate::model::{Project, Source};
use raw::{
    RawJobs, RawJourney, RawOption, RawOwnSectionMeta, RawProject, RawSegmentsFile, RawWinLoss,
    RawWorkshopMeta,
};
use source::{Folder, Kind, Links, SourceText};
use validate::{Checker, KnownIds};

/// The required files, and where the optional ones live.
pub const PROJECT_FILE: &str = crate::model::PROJECT_YAML;
pub const SEGMENTS_FILE: &str = "segments.yaml";
pub const JOURNEY_FILE: &str = "journey.yaml";
pub const WINLOSS_FILE: &str = "winloss.yaml";
pub const JOBS_FILE: &str = "jobs.yaml";
pub const WORKSHOPS_DIR: &str = "workshops";
pub const OPTIONS_DIR: &str = "options";
/// The consultant's own report sections, `sections/*.md`.
pub const SECTIONS_DIR: &str = "sections";
/// A workshop note's largest size: a long note is some 30 KiB, and Markdown's cost in memory
/// grows with the most contrived input far faster than with its size.
pub const NOTE_MAX_BYTES: u64 = 1024 * 1024;
/// The logo is embedded in every report, which must stay small enough to e-mail.
pub const LOGO_MAX_BYTES: u64 = 1024 * 1024;

/// Choices made on the command line that change how a project is read.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Skip bad data rows (and say so) even when project.yaml says to fail on them.
    pub skip_bad_rows: bool,
    /// Follow symbolic links whose target stays inside the project (refused by default).
    pub allow_symlinks: bool,
    /// Recall and keep the slow steps' results in the project's `build/.cache`: the
    /// commands open it (`cmd/cache.rs`) and hand it to [`load_memoised`].
    pub cache: bool,
    /// When the transaction log's SHA-256 is taken as it is read.
    pub log_fingerprint: LogFingerprint,
    /// Whether the project's commit is looked up.
    pub version: VersionLookup,
}

/// Whether the project's commit is looked up for [`crate::model::Project::version`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum VersionLookup {
    /// The report and the metrics show it.
    #[default]
    Asked,
    /// Left unread (`None`), for the commands that show none (`check`, `summarise`):
    /// finding it runs `git` three times, one after the other, some 60 ms, a sixth of the
    /// `summarise` of a 2 M-row log.
    Skipped,
}

/// When the transaction log's SHA-256 is taken as it is read: it costs a large log a
/// third of a second of a core, and only the report, the metrics and the cache use it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LogFingerprint {
    /// Always: the report and the metrics list it among the inputs.
    #[default]
    Always,
    /// Only for the cache, to trust that the file read is the file its result is filed
    /// under: for the commands that show no fingerprints. Without a cache the log's
    /// [`crate::model::Source::sha256`] is then empty.
    ForCache,
}

/// Whether `rel` (`/` separated, relative to the project) is a file the project is read
/// from by its name: the YAML files, workshop notes and template overrides. The data
/// files and the logo are inputs too, where project.yaml names them.
pub fn is_fixed_input(rel: &str) -> bool {
    let in_folder = |folder: &str| {
        rel.strip_prefix(folder).and_then(|r| r.strip_prefix('/')).filter(|name| !name.contains('/'))
    };
    [PROJECT_FILE, SEGMENTS_FILE, JOURNEY_FILE, WINLOSS_FILE, JOBS_FILE].contains(&rel)
        || in_folder(WORKSHOPS_DIR).is_some_and(|name| Path::new(name).extension().is_some_and(|x| x == "md"))
        || in_folder(OPTIONS_DIR).is_some_and(|name| Path::new(name).extension().is_some_and(|x| x == "yaml"))
        || in_folder(SECTIONS_DIR).is_some_and(|name| Path::new(name).extension().is_some_and(|x| x == "md"))
        || rel
            .strip_prefix(templates::TEMPLATES_DIR)
            .and_then(|r| r.strip_prefix('/'))
            .is_some_and(|name| crate::model::TEMPLATE_NAMES.contains(&name))
}

/// Whether `rel` is where the logo is looked for when project.yaml names none.
pub fn is_default_logo(rel: &str) -> bool {
    DEFAULT_LOGOS.contains(&rel)
}

/// The logo's places when `brand.logo` is not given, in the order they are tried.
pub const DEFAULT_LOGOS: [&str; 2] = ["assets/logo.svg", "assets/logo.png"];

/// Reads and validates the project in `dir`.
pub fn load(dir: &Path) -> Result<Project, Invalid> {
    load_with(dir, Options::default())
}

/// Reads and validates the project in `dir` with command-line `options`.
pub fn load_with(dir: &Path, options: Options) -> Result<Project, Invalid> {
    load_memoised(dir, options, &crate::memo::Nothing)
}

/// [`load_with`], recalling the data as read from `memo` when the files and settings it
/// is read from are unchanged, and keeping it when read.
pub fn load_memoised(dir: &Path, options: Options, memo: &dyn crate::memo::Memo) -> Result<Project, Invalid> {
    let mut loader = Loader::new(dir, options, memo);
    let project = loader.project();
    if let Some(p) = &project
        && loader.diagnostics.is_empty()
    {
        loader.diagnostics.extend(limits::check(p, loader.text_bytes()));
    }
    let misspelt = std::mem::take(&mut loader.misspelt);
    loader.diagnostics.retain(|d| {
        let echo = |field: &String| misspelt.contains(&(d.file.clone(), field.clone()));
        !(d.message.starts_with("missing required field") && d.field.as_ref().is_some_and(echo))
    });
    let texts = loader.sources.iter().map(|s| (s.rel.clone(), s.text.clone())).collect();
    match project {
        Some(p) if loader.diagnostics.is_empty() => Ok(p),
        _ => Err(Invalid { diagnostics: loader.diagnostics.into_sorted(), texts }),
    }
}

/// What `uplift summarise` reads of a project whose transaction log it summarises itself,
/// in parts ([`data::in_parts`]) or whole with nothing cached ([`data::streamed`]):
/// project.yaml, for its `data:` section and loyalty path, and the segment ids of
/// segments.yaml. The other files are not checked: the summary depends on nothing else
/// ([`Self::every_input`] lists them, so that no output replaces one).
pub struct DataOnly {
    pub config: data::DataConfig,
    pub segment_ids: Vec<String>,
    pub path: crate::model::LoyaltyPathSettings,
    /// The two files read, and the data files named: what no output may replace.
    pub inputs: Vec<crate::model::Source>,
    pub links: Links,
}

impl DataOnly {
    /// Whether the log is too large to read whole within `memory_limit` bytes.
    pub fn needs_parts(&self, dir: &Path, memory_limit: u64) -> bool {
        data::in_parts::needs_parts(&Folder { root: dir, links: self.links }, &self.config, memory_limit)
    }

    /// Reads the log whole and judges it, to be written out as it is summarised (see
    /// [`data::streamed`]).
    pub fn read_whole(&self, dir: &Path) -> Result<data::streamed::WholeLog, data::in_parts::Failure> {
        let folder = Folder { root: dir, links: self.links };
        data::streamed::read_whole(&folder, &self.config, (&self.segment_ids, &self.path))
    }

    /// Writes the summary of the log read by [`Self::read_whole`] to `out`.
    pub fn write_whole(
        &self,
        read: &data::streamed::WholeLog,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<crate::model::Coverage> {
        data::streamed::write_whole(read, (&self.segment_ids, &self.path), out)
    }

    /// Every file no output of the data may replace: the data's and the two files read,
    /// and every other file the project reads (`files_read`).
    pub fn every_input(&self, dir: &Path, options: Options) -> Vec<crate::model::Source> {
        let mut inputs = files_read(dir, options);
        inputs.extend(self.inputs.iter().cloned());
        inputs
    }

    /// Whether the data is a transaction log, not a summary.
    pub fn is_log(&self) -> bool {
        matches!(self.config.input, data::DataInput::Transactions { .. })
    }

    /// Summarises the log in parts to `target` (see [`data::in_parts::summarise`]).
    pub fn summarise_in_parts(
        &self,
        dir: &Path,
        (memory_limit, temporary): (u64, &Path),
        target: data::in_parts::Target,
    ) -> Result<data::in_parts::Summarised, data::in_parts::Failure> {
        let folder = Folder { root: dir, links: self.links };
        let (config, segment_ids) = (&self.config, &self.segment_ids);
        data::in_parts::summarise(&folder, config, segment_ids, &self.path, (memory_limit, temporary), target)
    }
}

/// Every file the project in `dir` reads but its data — the YAML files, notes, templates,
/// the logo, the pictures — whatever their problems: what no output may replace, for the
/// commands that read the data on their own ([`DataOnly`]).
fn files_read(dir: &Path, options: Options) -> Vec<crate::model::Source> {
    let mut loader = Loader::new(dir, options, &crate::memo::Nothing);
    // A project whose segments take figures `from_data` is then not valid: its problems
    // are not asked for, only the files.
    loader.data_unread = true;
    let _ = loader.project();
    loader.sources_read()
}

/// Reads what [`DataOnly`] holds; `None` when project.yaml names no data or either file has
/// a problem: the whole project's load then says what.
pub fn load_data_only(dir: &Path, options: Options) -> Option<DataOnly> {
    let mut loader = Loader::new(dir, options, &crate::memo::Nothing);
    let raw_project: RawProject = loader.parse_file(PROJECT_FILE, true)?;
    let raw_segments: RawSegmentsFile = loader.parse_file(SEGMENTS_FILE, true)?;
    let segment_ids = validate::ids_in_order(&raw_segments);
    let mut c = Checker::new(Path::new(PROJECT_FILE), 0, &mut loader.diagnostics);
    let (settings, data) = validate::settings_and_data(&raw_project, &mut c, dir);
    let (settings, mut config) = (settings?, data??);
    if !loader.diagnostics.is_empty() || segment_ids.is_empty() || segment_ids.iter().any(String::is_empty) {
        return None;
    }
    config.skip_bad_rows |= options.skip_bad_rows;
    let source =
        |path: &Path| crate::model::Source { path: slash_path(path), bytes: 0, sha256: String::new() };
    let mut inputs: Vec<crate::model::Source> =
        [Path::new(PROJECT_FILE), Path::new(SEGMENTS_FILE)].map(source).into();
    // The logo project.yaml names: read only once the rest of project.yaml is valid, so
    // [`files_read`] may miss it. (The default places are refused by name.)
    let logo = raw_project.brand.as_ref().and_then(|b| b.value.logo.as_ref());
    inputs.extend(logo.map(|v| source(Path::new(v.value.trim()))));
    if let data::DataInput::Transactions { log, customers } = &config.input {
        inputs.extend(std::iter::once(log).chain(customers).map(|p| source(p)));
    }
    Some(DataOnly { config, segment_ids, path: settings.loyalty_path, inputs, links: loader.folder.links })
}

struct Loader<'a> {
    dir: &'a Path,
    /// `dir`, with the rule on links every read goes through.
    folder: Folder<'a>,
    options: Options,
    /// Where the data as read is recalled from and kept.
    memo: &'a dyn crate::memo::Memo,
    diagnostics: Diagnostics,
    sources: Vec<SourceText>,
    /// Non-text inputs (the logo), listed with the sources.
    binary_sources: Vec<Source>,
    /// (file, field) of the known fields that unknown keys were probably meant to be.
    misspelt: HashSet<(PathBuf, String)>,
    /// The body of every Markdown file read (`/`-separated path, text), for its pictures.
    markdown_bodies: Vec<(String, String)>,
    /// The data files' fingerprints, taken while the rest is read; `None` once used, or
    /// without a cache to find results by them.
    prefetch: Option<crate::project::data::Prefetch>,
    /// Whether the data is left unread ([`files_read`]).
    data_unread: bool,
}

impl<'a> Loader<'a> {
    fn new(dir: &'a Path, options: Options, memo: &'a dyn crate::memo::Memo) -> Self {
        let links = if options.allow_symlinks { Links::Inside } else { Links::Refuse };
        Loader {
            dir,
            folder: Folder { root: dir, links },
            options,
            memo,
            diagnostics: Diagnostics::default(),
            sources: Vec::new(),
            binary_sources: Vec::new(),
            misspelt: HashSet::new(),
            markdown_bodies: Vec::new(),
            prefetch: None,
            data_unread: false,
        }
    }

    fn project(&mut self) -> Option<Project> {
        let raw_project: Option<RawProject> = self.parse_file(PROJECT_FILE, true);
        self.prefetch_data(raw_project.as_ref());
        let raw_segments: Option<RawSegmentsFile> = self.parse_file(SEGMENTS_FILE, true);
        let raw_journey: Option<RawJourney> = self.parse_file(JOURNEY_FILE, false);
        let raw_winloss: Option<RawWinLoss> = self.parse_file(WINLOSS_FILE, false);
        let raw_jobs: Option<RawJobs> = self.parse_file(JOBS_FILE, false);
        let workshop_files = self.workshop_files();

        // An empty or unreadable segments list is reported once, not again at every reference to it.
        let segment_ids = raw_segments
            .as_ref()
            .map(validate::declared_segments)
            .filter(|ids| ids.iter().any(Option::is_some))
            .map_or(KnownIds::Unreadable, KnownIds::listed);
        let phase_ids = self.declared_in_journey(raw_journey.as_ref(), validate::declared_phases);
        let initiative_ids = self.declared_in_journey(raw_journey.as_ref(), validate::declared_initiatives);
        let market_ids = raw_journey.as_ref().map_or(KnownIds::Unlisted, validate::declared_markets);
        let part = raw_project.as_ref().and_then(|raw| {
            let mut c = Checker::new(Path::new(PROJECT_FILE), 0, &mut self.diagnostics);
            let refs = validate::InvestmentRefs { segments: &segment_ids, initiatives: &initiative_ids };
            validate::project(raw, &mut c, &refs, self.dir)
        });
        let data = self.data_of(part.as_ref(), raw_segments.as_ref());
        let data_state = match &data {
            Ok(Some(set)) => validate::DataState::Read(set),
            Ok(None) => validate::DataState::Absent,
            Err(()) => validate::DataState::Unreadable,
        };
        let segments = raw_segments.and_then(|raw| {
            let benchmarks = part.as_ref().map(|p| p.benchmarks).unwrap_or_default();
            let mut c = Checker::new(Path::new(SEGMENTS_FILE), 0, &mut self.diagnostics);
            validate::segments(&raw, &mut c, &benchmarks, &data_state)
        });
        let options = self.options(segments.as_deref(), &segment_ids, &initiative_ids);
        let journey = raw_journey.map(|raw| {
            let mut c = Checker::new(Path::new(JOURNEY_FILE), 0, &mut self.diagnostics);
            validate::journey(&raw, &mut c, &segment_ids)
        });
        let winloss = raw_winloss.map(|raw| {
            validate::winloss(
                &raw,
                &mut Checker::new(Path::new(WINLOSS_FILE), 0, &mut self.diagnostics),
                &segment_ids,
            )
        });
        let jobs = raw_jobs.map(|raw| {
            validate::jobs(
                &raw,
                &mut Checker::new(Path::new(JOBS_FILE), 0, &mut self.diagnostics),
                &segment_ids,
            )
        });
        let workshops: Vec<_> =
            workshop_files.into_iter().map(|rel| self.workshop(&rel, &phase_ids, &market_ids)).collect();
        let own_sections: Vec<_> =
            self.own_section_files().into_iter().map(|rel| self.own_section(&rel)).collect();
        let templates = self.templates();

        // Pictures are checked in every text that could be read, valid or not, so that their
        // problems show in the same run as the others.
        let images = self.images(raw_project.as_ref());
        let mut part = part?;
        // The logo is read before anything else can end the load, so that its problems show
        // in the same run as the others.
        part.brand.logo = part.logo_path.as_ref().and_then(|rel| self.logo(rel));
        let mut options: Vec<_> = options.into_iter().collect::<Option<_>>()?;
        let journey = optional(journey)?;
        let rate = part.settings.hourly_rate.get();
        if let Some(j) = &journey
            && !self.fund(&mut part.investments, &mut options, j, rate, raw_project.as_ref())
        {
            return None;
        }
        let sources = self.sources_read();
        let inputs: Vec<&str> = sources.iter().map(|s| s.path.as_str()).collect();
        let version = match self.options.version {
            VersionLookup::Asked => version::version(self.dir, &inputs),
            VersionLookup::Skipped => None,
        };
        Some(Project {
            meta: part.meta,
            settings: part.settings,
            business_case: part.business_case,
            investments: part.investments,
            risks: part.risks,
            timeline: part.timeline,
            brand: part.brand,
            segments: segments?,
            journey,
            winloss: optional(winloss)?,
            jobs: optional(jobs)?,
            workshops: workshops.into_iter().collect::<Option<_>>()?,
            sources,
            version,
            data: data.ok()?,
            templates,
            options,
            story: part.story,
            own_sections: own_sections.into_iter().collect::<Option<_>>()?,
            images,
            warnings: self.warnings(),
        })
    }

    /// Every file read, text and binary, by path.
    fn sources_read(&self) -> Vec<Source> {
        let mut sources: Vec<Source> = self
            .sources
            .iter()
            .map(|s| Source { path: slash_path(&s.rel), bytes: s.bytes, sha256: s.sha256.clone() })
            .collect();
        sources.extend(self.binary_sources.iter().cloned());
        sources.sort_by(|a, b| a.path.cmp(&b.path));
        sources
    }

    /// The ids journey.yaml declares of one kind (`declared`), as far as it could be read.
    fn declared_in_journey(
        &self,
        raw: Option<&RawJourney>,
        declared: fn(&RawJourney) -> Vec<Option<String>>,
    ) -> KnownIds {
        match raw {
            Some(raw) => KnownIds::listed(declared(raw)),
            None if self.dir.join(JOURNEY_FILE).exists() => KnownIds::Unreadable,
            None => KnownIds::Absent(JOURNEY_FILE),
        }
    }

    /// Gives the investment lines of project.yaml and of every option that fund an initiative
    /// the initiative's cost; `false` when one funds a saving.
    fn fund(
        &mut self,
        investments: &mut [crate::model::Investment],
        options: &mut [crate::model::ProgrammeOption],
        journey: &crate::model::Journey,
        hourly_rate: f64,
        raw_project: Option<&RawProject>,
    ) -> bool {
        let at = |i: usize| {
            let raw = raw_project?.investment.get(i)?.value.initiative.as_ref()?;
            Position::from_yaml(raw.referenced)
        };
        let file = Path::new(PROJECT_FILE);
        let mut sound = funding::fund(investments, journey, hourly_rate, file, at, &mut self.diagnostics);
        for option in options {
            if let Some(lines) = &mut option.investments {
                let file = PathBuf::from(&option.file);
                sound &= funding::fund(lines, journey, hourly_rate, &file, |_| None, &mut self.diagnostics);
            }
        }
        sound
    }

    /// The client's data as project.yaml asks for it: `Ok(None)` when it asks for none,
    /// `Err` when it cannot be read (problems reported).
    fn data_of(
        &mut self,
        part: Option<&validate::ProjectPart>,
        raw_segments: Option<&RawSegmentsFile>,
    ) -> Result<Option<crate::model::DataSet>, ()> {
        // The data names segments by id: without a readable segments list it is not read,
        // rather than reporting every row as naming an unknown segment.
        let ids = raw_segments.map(validate::ids_in_order).filter(|ids| !ids.is_empty());
        match (part, ids) {
            (Some(p), Some(ids)) => match &p.data {
                Some(_) if self.data_unread => Ok(None),
                Some(config) => self.data(config, &ids, &p.settings.loyalty_path).map(Some).ok_or(()),
                None => Ok(None),
            },
            (Some(p), None) if p.data.is_none() => Ok(None),
            _ => Err(()),
        }
    }

    /// Starts taking the fingerprints of the files project.yaml's `data:` names, by which an
    /// unchanged project's data is recalled, while the other files are read and checked
    /// (see [`crate::project::data::Prefetch`]). Without a cache nothing is recalled, so
    /// nothing is taken.
    fn prefetch_data(&mut self, raw: Option<&RawProject>) {
        let Some(data) = raw.and_then(|r| r.data.as_ref()).filter(|_| self.memo.enabled()) else { return };
        let named = |field: &Option<raw::Sp<String>>| field.as_ref().map(|f| validate::data_path(&f.value));
        let (log, customers, summary) =
            (named(&data.value.transactions), named(&data.value.customers), named(&data.value.summary));
        let files =
            crate::project::data::named_files(log.as_deref(), customers.as_deref(), summary.as_deref());
        self.prefetch = Some(crate::project::data::Prefetch::start(&self.folder, files));
    }

    /// Reads the client's data and derives what it says per segment (in segments.yaml's order).
    fn data(
        &mut self,
        config: &crate::project::data::DataConfig,
        segment_ids: &[String],
        path: &crate::model::LoyaltyPathSettings,
    ) -> Option<crate::model::DataSet> {
        let mut config = config.clone();
        config.skip_bad_rows |= self.options.skip_bad_rows;
        // The files' fingerprints and every setting the reading takes name the result.
        let prefetched = self.prefetch.take();
        let files = self
            .memo
            .enabled()
            .then(|| crate::project::data::fingerprints(&self.folder, &config, prefetched))
            .flatten();
        let key = files.as_ref().map(|f| crate::memo::key("data", &(&config, segment_ids, path, f)));
        if let (Some(key), Some(files)) = (&key, &files)
            && let Some(set) = crate::memo::recall(self.memo, key)
        {
            self.binary_sources.extend(files.iter().cloned());
            return Some(set);
        }
        match crate::project::data::read(
            &self.folder,
            &config,
            segment_ids,
            (path, if self.memo.enabled() { LogFingerprint::Always } else { self.options.log_fingerprint }),
        ) {
            Ok(input) => {
                let sources = input.sources();
                let has_margin = config.columns.margin.is_some();
                let modelling = crate::project::data::customer_base::Modelling {
                    model: config.model,
                    calibration_end: config.calibration_end.map(crate::project::data::day_of),
                };
                let set = crate::project::data::customer_base::derive(
                    input,
                    segment_ids.len(),
                    has_margin,
                    path,
                    modelling,
                );
                // Kept only when the files read are the files fingerprinted: one changed in
                // between would file this result under the other's name.
                if let Some(key) = key
                    && files.as_ref() == Some(&sources)
                {
                    crate::memo::keep(self.memo, &key, &set);
                }
                self.binary_sources.extend(sources);
                Some(set)
            }
            Err(problems) => {
                self.diagnostics.extend(problems);
                None
            }
        }
    }

    /// Records the problems of a file's unknown keys, and what each was probably meant to be:
    /// the misspelt field is then not reported as missing as well.
    fn unknown_keys(&mut self, unknown: Vec<unknown_keys::Unknown>) {
        for u in unknown {
            if let Some(meant) = u.meant {
                self.misspelt.insert((u.problem.file.clone(), meant));
            }
            self.diagnostics.push(u.problem);
        }
    }

    /// Reads and parses one YAML file; a missing required file is a problem.
    fn parse_file<T: DeserializeOwned + schemars::JsonSchema>(
        &mut self,
        name: &str,
        required: bool,
    ) -> Option<T> {
        let rel = Path::new(name);
        let source = match self.folder.read(rel) {
            Ok(Some(s)) => s,
            Ok(None) => {
                if required {
                    self.diagnostics.push(Diagnostic::new(rel, "required file is missing").hint(format!(
                        "create {name} (run `uplift new <folder>` to see a complete example)"
                    )));
                }
                return None;
            }
            Err(d) => {
                self.diagnostics.push(d);
                return None;
            }
        };
        let parsed = match yaml::parse(&source, &source.text, 0) {
            Ok(parsed) => {
                self.unknown_keys(parsed.unknown);
                Some(parsed.value)
            }
            Err(d) => {
                self.diagnostics.push(d);
                None
            }
        };
        self.sources.push(source);
        parsed
    }

    /// Reads the logo (at most 1 MiB: it is embedded in every report), checks that it is an
    /// image, and lists it as a source.
    fn logo(&mut self, rel: &Path) -> Option<crate::model::Logo> {
        let checked = self.folder.read_bytes(rel, LOGO_MAX_BYTES, "logos").and_then(|read| {
            read.map(|(bytes, sha256)| image::check(rel, &bytes).map(|kind| (bytes, sha256, kind)))
                .transpose()
        });
        match checked {
            Ok(Some((bytes, sha256, kind))) => {
                self.binary_sources.push(Source { path: slash_path(rel), bytes: bytes.len() as u64, sha256 });
                Some(crate::model::Logo { path: rel.to_path_buf(), kind, bytes })
            }
            Ok(None) => None,
            Err(d) => {
                self.diagnostics.push(d);
                None
            }
        }
    }

    /// `options/*.yaml`, each read and validated against the segments (`None` when
    /// segments.yaml has problems), sorted by file name.
    fn options(
        &mut self,
        segments: Option<&[crate::model::Segment]>,
        segment_ids: &KnownIds,
        initiative_ids: &KnownIds,
    ) -> Vec<Option<crate::model::ProgrammeOption>> {
        let files =
            self.files_in(OPTIONS_DIR, "yaml", limits::MAX_OPTIONS, "options", Some("an option file"));
        // Each option's name, trimmed and lower-cased, and the file that first used it.
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        files
            .into_iter()
            .map(|rel| {
                let file = slash_path(&rel);
                let id = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                let raw: Option<RawOption> = self.parse_file(&file, true);
                let mut unique = true;
                if let Some(name) = raw.as_ref().and_then(|r| r.name.as_ref()) {
                    let key = name.value.trim().to_lowercase();
                    if let Some(first) = names.get(&key) {
                        let at = Position::from_yaml(name.referenced);
                        self.diagnostics.push(
                            Diagnostic::new(&rel, format!("`{}` is also the name of {first}", name.value.trim()))
                                .at(at)
                                .field("name")
                                .hint("give every option its own name: the decision table and its verdict name options by it"),
                        );
                        unique = false;
                    }
                    names.entry(key).or_insert_with(|| file.clone());
                }
                if id.eq_ignore_ascii_case(crate::model::BASE_CASE_ID) {
                    self.diagnostics.push(
                        Diagnostic::new(&rel, "`base` is the base case's name in the comparison")
                            .hint("rename the file, e.g. `options/lean-programme.yaml`: the base case is project.yaml and segments.yaml themselves"),
                    );
                    return None;
                }
                if !id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
                    self.diagnostics.push(
                        Diagnostic::new(&rel, "an option's file name may hold only letters, digits, `-`, `_` and `.`")
                            .hint("rename the file, e.g. `options/lean-programme.yaml`: its name is the option's id"),
                    );
                    return None;
                }
                let mut c = Checker::new(&rel, 0, &mut self.diagnostics);
                validate::option(&raw?, &mut c, &id, &file, segments, segment_ids, initiative_ids).filter(|_| unique)
            })
            .collect()
    }

    /// `workshops/*.md`, sorted by name.
    fn workshop_files(&mut self) -> Vec<PathBuf> {
        self.files_in(WORKSHOPS_DIR, "md", limits::MAX_WORKSHOPS, "notes", None)
    }

    /// The files of `folder` whose extension is `ext`, sorted by name; at most `max` (more are a
    /// problem, and none is read). A file that is a link is listed too, so that reading it
    /// reports the link instead of leaving the file out unsaid. Hidden files (`.DS_Store`, the
    /// `._note.md` copies some file systems add) are not inputs. With `refuse_others` (what a
    /// file of the folder is called), any other file is a problem: an option saved as `.yml`
    /// would otherwise vanish unsaid.
    fn files_in(
        &mut self,
        folder: &str,
        ext: &str,
        max: usize,
        what: &str,
        refuse_others: Option<&str>,
    ) -> Vec<PathBuf> {
        let dir = match self.folder.locate(Path::new(folder), Kind::Folder) {
            Ok(Some(dir)) => dir,
            Ok(None) => return Vec::new(),
            Err(d) => {
                self.diagnostics.push(d);
                return Vec::new();
            }
        };
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).min_depth(1).max_depth(1).sort_by_file_name() {
            if files.len() > max {
                break;
            }
            match entry {
                Ok(e) if e.file_name().to_string_lossy().starts_with('.') => {}
                Ok(e) if !e.file_type().is_dir() && e.path().extension().is_some_and(|x| x == ext) => {
                    files.push(Path::new(folder).join(e.file_name()));
                }
                Ok(e) if !e.file_type().is_dir() => {
                    if let Some(kind) = refuse_others {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Path::new(folder).join(e.file_name()),
                                format!("is not {kind}: {what} are `.{ext}` files"),
                            )
                            .hint(format!("rename it to end in `.{ext}`, or move it out of {folder}/")),
                        );
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    self.diagnostics.push(Diagnostic::new(folder, format!("cannot list the folder: {e}")));
                }
            }
        }
        if files.len() > max {
            self.diagnostics.push(
                Diagnostic::new(folder, format!("more than {max} {what}; a project may have at most {max}"))
                    .hint("this limit keeps every command within 10 s and 1 GB (docs/security.md)"),
            );
            files.clear();
        }
        files
    }

    /// `templates/*`, read and checked; each is listed with the sources.
    fn templates(&mut self) -> Vec<crate::model::TemplateOverride> {
        let mut problems = Vec::new();
        let files = templates::files(&self.folder, &mut problems);
        let mut overrides = Vec::new();
        for rel in files {
            match templates::read(&self.folder, &rel) {
                Ok(Some((source, template))) => {
                    self.sources.push(source);
                    overrides.push(template);
                }
                Ok(None) => {}
                Err(d) => problems.push(d),
            }
        }
        self.diagnostics.extend(problems);
        overrides
    }

    /// Money and counts written like `4.800` in the YAML files, with their source lines.
    fn warnings(&self) -> Vec<String> {
        self.sources
            .iter()
            .filter(|s| s.rel.extension().is_some_and(|x| x == "yaml"))
            .flat_map(|s| {
                plausibility::three_decimals(&s.rel, &s.text)
                    .into_iter()
                    .map(|d| d.render_warning(Some(&s.text)))
            })
            .collect()
    }

    /// Bytes of text read so far.
    fn text_bytes(&self) -> u64 {
        self.sources.iter().map(|s| s.bytes).sum()
    }

    fn workshop(
        &mut self,
        rel: &Path,
        phase_ids: &KnownIds,
        markets: &KnownIds,
    ) -> Option<crate::model::Workshop> {
        let source = self.markdown_file(rel, "workshop notes")?;
        let fields = "title, date, market, participants and phases";
        let result =
            self.front_matter::<RawWorkshopMeta>(&source, "note", fields).and_then(|(meta, body, offset)| {
                let mut c = Checker::new(&source.rel, offset, &mut self.diagnostics);
                validate::workshop(&meta, &mut c, &source.rel, body, phase_ids, markets)
            });
        self.sources.push(source);
        result
    }

    /// `sections/*.md`, sorted by name.
    fn own_section_files(&mut self) -> Vec<PathBuf> {
        self.files_in(SECTIONS_DIR, "md", limits::MAX_OWN_SECTIONS, "own sections", None)
    }

    fn own_section(&mut self, rel: &Path) -> Option<crate::model::OwnSection> {
        let source = self.markdown_file(rel, "own sections")?;
        let result = self.front_matter::<RawOwnSectionMeta>(&source, "section", "title and after").and_then(
            |(meta, body, offset)| {
                let mut c = Checker::new(&source.rel, offset, &mut self.diagnostics);
                validate::own_section(&meta, &mut c, &source.rel, body)
            },
        );
        self.sources.push(source);
        result
    }

    /// Reads a Markdown file (a note or an own section): at most [`NOTE_MAX_BYTES`], and none
    /// once the text inputs read so far fill their budget.
    fn markdown_file(&mut self, rel: &Path, what: &str) -> Option<SourceText> {
        // Markdown files are the inputs a folder can hold many of: past the budget, none more is read.
        if self.text_bytes() > limits::MAX_TEXT_BYTES {
            self.diagnostics.push(
                Diagnostic::new(rel, format!(
                    "not read: the files before it already fill the {} MiB all text inputs may hold together",
                    limits::MAX_TEXT_BYTES >> 20
                ))
                .hint("keep notes and sections to what the report should show; this limit keeps every command within 10 s and 1 GB"),
            );
            return None;
        }
        match self.folder.read_text(rel, NOTE_MAX_BYTES, what) {
            Ok(s) => s,
            Err(d) => {
                self.diagnostics.push(d);
                None
            }
        }
    }

    /// A Markdown file's front matter, parsed, with the body and the line the YAML starts
    /// after; `what` the file is and the `fields` its front matter holds word the problem
    /// when it is missing.
    fn front_matter<'s, T: DeserializeOwned + schemars::JsonSchema>(
        &mut self,
        source: &'s SourceText,
        what: &str,
        fields: &str,
    ) -> Option<(T, &'s str, u32)> {
        let first_line = Some(Position { line: 1, column: 1 });
        let split = match front_matter::split(&source.text) {
            Ok(s) => s,
            Err(e) => {
                let (message, hint) = match e {
                    front_matter::FrontMatterError::Missing => (
                        format!("the {what} has no front matter"),
                        format!("start the file with a `---` line, then {fields}, then another `---` line"),
                    ),
                    front_matter::FrontMatterError::Unclosed => (
                        "the front matter is never closed".to_owned(),
                        "end the front matter with a line holding only `---`".to_owned(),
                    ),
                };
                self.diagnostics.push(Diagnostic::new(&source.rel, message).at(first_line).hint(hint));
                return None;
            }
        };
        self.markdown_bodies.push((slash_path(&source.rel), split.body.to_owned()));
        let parsed = yaml::parse::<T>(source, split.yaml, split.yaml_line_offset)
            .map_err(|d| self.diagnostics.push(d))
            .ok()?;
        self.unknown_keys(parsed.unknown);
        Some((parsed.value, split.body, split.yaml_line_offset))
    }

    /// Every picture the Markdown texts show — project.yaml's (from `raw`, whether or not it
    /// is valid) and every note's and own section's — read and checked; each is a source.
    fn images(&mut self, raw: Option<&RawProject>) -> Vec<crate::model::Image> {
        let files: BTreeMap<String, &str> =
            self.sources.iter().map(|s| (slash_path(&s.rel), s.text.as_str())).collect();
        let source = |file: &str| files.get(file).copied().unwrap_or_default();
        let mut fields: Vec<(String, &str)> = Vec::new();
        if let Some(raw) = raw {
            if let Some(b) = &raw.business_case {
                for (name, text) in [
                    ("challenge", &b.value.challenge),
                    ("approach", &b.value.approach),
                    ("expected_value", &b.value.expected_value),
                ] {
                    fields.extend(text.as_ref().map(|t| (format!("business_case.{name}"), t.value.as_str())));
                }
            }
            if let Some(r) = &raw.report {
                let r = &r.value;
                fields.extend(r.headline.as_ref().map(|h| ("report.headline".to_owned(), h.value.as_str())));
                let steps = r.next_steps.as_ref().map_or(&[][..], |s| s.value.as_slice());
                for (list, items) in [("key_messages", r.key_messages.as_slice()), ("next_steps", steps)] {
                    for (i, text) in items.iter().enumerate() {
                        fields.push((format!("report.{list}[{i}]"), text.value.as_str()));
                    }
                }
            }
        }
        let mut texts: Vec<markdown_images::Text> = fields
            .into_iter()
            .map(|(field, markdown)| markdown_images::Text {
                file: PROJECT_FILE,
                field: Some(field),
                markdown,
                source: source(PROJECT_FILE),
            })
            .collect();
        for (file, body) in &self.markdown_bodies {
            texts.push(markdown_images::Text { file, field: None, markdown: body, source: source(file) });
        }
        let (images, sources, problems) = markdown_images::read(&self.folder, &texts);
        self.binary_sources.extend(sources);
        self.diagnostics.extend(problems);
        images
    }
}

/// `Some(Some(x))` when an optional file was valid, `Some(None)` when absent, `None` when invalid.
fn optional<T>(validated: Option<Option<T>>) -> Option<Option<T>> {
    validated.map_or(Some(None), |v| v.map(Some))
}
