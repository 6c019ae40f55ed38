// Replication: the state and event handlers of one replication. Internal to
// sim/model (the public entry point is simulate() in simulation.h); split
// across replication*.cc by subject: events and results, patient flow and
// delay attribution, services and bridging.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <limits>
#include <vector>

#include "sim/engine/event_queue.h"
#include "sim/engine/random.h"
#include "sim/model/prepared_scenario.h"
#include "sim/model/patient_record.h"
#include "sim/model/replication_result.h"
#include "sim/model/replication_tallies.h"
#include "sim/model/simulation.h"
#include "sim/model/time_weighted.h"

namespace homeward::model::detail {

using engine::Calendar;
using engine::Event;
using engine::OpenWindow;
using engine::RandomStream;

constexpr std::uint32_t kNone = kNoService;
// Width of the event queue's time buckets. Each is sorted when it comes up,
// so narrower buckets sort fewer events at once (a large trust has about six
// events a quarter hour); with a ring of 4,096 buckets a quarter hour beat
// an hour by 12% and half an hour by 7% (bench/README.md).
constexpr double kEventBucketDays = 1.0 / 96;

// Event kinds double as priorities at equal times: the midnight count sees
// the state at the instant of midnight, before anything else happens then.
enum EventKind : std::uint32_t {
  kMidnight, kAdmit, kMffd, kReferral, kLeave, kServiceDone, kServiceWake, kBridgeStart, kBridgeOverrun,
  kCensusLeave,  // an occupant of the starting census leaves a bed; subject: the service
  kPhaseChange,  // a service's capacity changes (ServiceConfig::phases); subject: the service
  kAlongsideDone, kDecondition, kDeathWhileWaiting, kReadmit,
  kSettledLeave  // a settled stay ends (queued at kLeave's priority); subject: the stay
};

enum class Bridging : std::uint8_t { none, pickup, active };

enum class Location : std::uint8_t { waiting_admission, acute, post_acute, gone };

// Laid out by use and aligned to cache lines: the first line holds what
// every event of a patient reads, the second what most of them do (the
// journey stream), the third what only bridging, home first, packages and
// waiting harms need. A large trust keeps about 6,000 slots, more than the
// L2 cache holds in full: an event costs one or two misses rather than three.
struct alignas(64) Patient {
  // ---- every event --------------------------------------------------------
  std::uint32_t generation = 0;  // bumped when the slot is reused; events carry it
  std::uint32_t vertex = 0;      // current vertex of the pathway graph
  double admitted = 0;
  double mffd = 0;
  double mark = 0;               // start of the current delay attribution interval
  double alongside_until = -std::numeric_limits<double>::infinity();  // end of a process run alongside
  std::uint64_t serial = 0;      // creation order: keys the patient's random streams
  std::uint32_t exit = kNone;    // set when the route has reached an exit
  std::uint32_t held = kNone;    // bed or package service occupied (or reserved)
  Pathway pathway = Pathway::P0;
  Location location = Location::waiting_admission;
  std::uint8_t attribution = 0;  // (reason, agency) of what the patient waits for
  bool waiting_process = false;  // a process (assessment, delay) rather than capacity
  bool delayed = false;          // ready (after MFFD) and still in the acute bed
  bool leaving = false;          // a Leave event is scheduled
  bool moved_home_first = false;
  bool referred_at_mffd = false;  // no separate referral event: refer when MFFD is reached
  // ---- most events ----------------------------------------------------------
  RandomStream journey;
  std::uint32_t queued_at = kNone;     // service whose queue holds the patient
  std::uint32_t cohort = 0;
  double complexity = 1;               // Cohort::complexity, drawn at creation
  bool harms_drawn = false;       // this stay's harm draws are made (once, when the delay first starts)
  bool readmission_drawn = false;  // this stay's readmission is decided (once, at its first discharge)
  bool readmission = false;       // this stay is a readmission (Scenario::readmission)
  bool died_waiting = false;
  bool later_placement_done = false;
  bool awaiting_alongside = false;  // done but for a process run alongside; leaving follows it
  Bridging bridging = Bridging::none;
  std::uint8_t deconditionings = 0;
  std::uint32_t trusted_for = kNone;   // service a trusted assessor is assessing for
  std::uint32_t bridge = kNone;        // bridge service holding a slot for the patient
  // ---- a few ----------------------------------------------------------------
  double blocked_since = -1;     // in a bed whose stay has ended, waiting to move on
  double bridge_started = 0;
  double later_draw = 1;               // home first: decides the later long-term placement
  // Waiting harms: what is left of a unit exponential, spent at the death
  // hazard of the pathway since `harm_clock` (so a change of pathway keeps
  // the draw), and how many times the patient has deconditioned.
  double harm_budget = 0;
  double harm_clock = 0;
  std::uint32_t client_slot = kNone;
  std::uint32_t alongside_service = kNone;
};
static_assert(sizeof(Patient) <= 3 * 64, "a fourth cache line per patient: keep the hot fields in the first two");

// A stay settled at admission: the patient's pathway goes straight to an
// exit, nothing on it can harm them while they wait and no lever can move
// them off it, so everything up to their leaving is known when they arrive:
// the route is drawn then (the journey stream's first draw, as the event
// path would draw it at MFFD) and the one event left is the leaving. Such a
// patient needs no slot in `patients_` (nine in ten of a large trust's
// patients are on pathway 0): a large-trust replication does 15% fewer
// instructions and holds 1 MB less, though it is only 3–7% faster, since most
// of these patients cost one event before too (bench/README.md, "Settled stays").
struct SettledStay {
  double admitted = 0;
  double mffd = 0;
  std::uint64_t serial = 0;
  std::uint32_t cohort = 0;
  std::uint32_t exit = kNone;    // drawn at admission
  Pathway pathway = Pathway::P0;
  bool readmission = false;
  bool in_acute = false;         // admitted and not yet left
  bool live = false;             // the record holds a patient (false once free)
};
static_assert(sizeof(SettledStay) <= 40, "a settled stay is meant to be small: 40 bytes");

// Arrival::patient with this bit set indexes settled_, not patients_.
inline constexpr std::uint32_t kSettledBit = std::uint32_t{1} << 31;

struct Client {
  std::uint32_t patient;
  double start, length, visits;
};

// A service with no wake-up event pending at a window's opening (wake_at_next_window).
inline constexpr double kNoWakeUp = -std::numeric_limits<double>::infinity();

struct ServiceState {
  std::deque<std::uint32_t> queue;
  std::deque<std::uint32_t> candidates;  // bridge only: patients who may be bridged
  std::int64_t window_key = std::numeric_limits<std::int64_t>::min();
  std::int64_t used_in_window = 0;
  double wake_at = kNoWakeUp;
  int free_places = 0;  // free beds, or bridge slots: capacity less those in use
  std::vector<Client> clients;  // package only
  double visits_in_use = 0;
  // The capacity in force (ServiceConfig::phases): `phase` phases applied so far.
  const engine::WeeklySchedule* schedule = nullptr;
  int capacity = 0;  // beds or bridge slots
  double visits_capacity = 0;
  std::size_t phase = 0;
  TimeWeighted queue_length, occupied, visits, client_count;
  double queue_integral_at_midnight = 0;  // for the monthly queue days
  ServiceState(double begin, double end)
      : queue_length(begin, end), occupied(begin, end), visits(begin, end), client_count(begin, end) {}
};


class Replication {
 public:
  // With `log`, records every acute stay (see simulate()).
  Replication(const PreparedScenario& prepared, std::uint64_t seed, std::uint32_t replication,
              std::vector<PatientRecord>* log = nullptr);

  ReplicationResult run();
  // Checked at each simulated midnight: when set, run() gives up and stopped() is true.
  void stop_when(const std::atomic<bool>* stop) { stop_ = stop; }
  bool stopped() const { return stopped_; }
  // Off, every patient goes through events, settled stays (SettledStay)
  // included: the reference that tests hold the settled path to. Before run().
  void settle_at_admission(bool on) { settle_at_admission_ = on; }
  // Stays settled at admission so far.
  std::uint64_t settled_stays() const { return settled_stays_; }

 private:
  // ---- events -------------------------------------------------------------
  void push(double time, EventKind kind, std::uint32_t subject);

  void dispatch(const Event& e);

  // The patient of a coming event was most likely last touched days ago and
  // is out of cache: the first two lines of the patient (Patient) of the
  // event kPrefetchAhead places on are fetched while the events before it are
  // handled (one place was too few to hide the miss). Only a hint: a service
  // event fetches a patient for nothing.
  static constexpr std::size_t kPrefetchAhead = 4;
  void prefetch_patient(std::uint32_t id) const {
    if (id >= patients_.size()) return;
    const char* line = reinterpret_cast<const char*>(&patients_[id]);
    __builtin_prefetch(line);
    __builtin_prefetch(line + 64);
  }
  // Most buckets hold a few events: when one comes up, all of its first
  // kPrefetchAhead are fetched at once; after that, one per event popped.
  void prefetch_coming_patients() {
    if (queue_.runs() != run_prefetched_) {
      run_prefetched_ = queue_.runs();
      for (std::size_t k = 0; k < kPrefetchAhead; ++k)
        if (const Event* coming = queue_.upcoming(k)) prefetch_subject(*coming);
    }
    if (const Event* coming = queue_.upcoming(kPrefetchAhead)) prefetch_subject(*coming);
  }
  // A settled stay's record is small and most likely in cache already.
  void prefetch_subject(const Event& coming) const {
    if (coming.kind() != kSettledLeave) prefetch_patient(coming.subject);
  }

  // Returns false at the end of the measured period.
  bool midnight(std::int64_t day);

  void record_midnight(std::int64_t day);

  void sample_admissions(std::int64_t day);

  // Creates a patient in a free slot and returns the slot. Their draws come
  // from streams keyed by their serial, not the slot: census patients number
  // from kCensusSerials, so that admitted patients keep their serials (and
  // streams) with or without a census, and a compare of two censuses stays paired.
  std::uint32_t create_patient(double time, std::uint32_t cohort, double time_to_mffd, std::uint64_t serial);
  // MFFD as the cohort's ward rounds declare it, for a patient fit at `fit`.
  double declared_mffd(std::uint32_t cohort, double fit, std::uint64_t serial) const;
  // Creates an arriving patient: a settled stay (its index | kSettledBit)
  // when the cohort's pathway settles at admission, otherwise a slot.
  std::uint32_t create_arrival(double time, std::uint32_t cohort, double time_to_mffd, std::uint64_t serial);
  void admit_arrival(std::uint32_t arrival) {
    if (arrival & kSettledBit) admit_settled(arrival & ~kSettledBit);
    else admit(arrival);
  }
  // Sorts the admissions from `first` on into time order; run() merges them
  // with the event queue.
  void queue_admissions(std::size_t first);
  void push_patient(double time, EventKind kind, std::uint32_t id);

  // ---- patient flow -------------------------------------------------------
  void admit(std::uint32_t id);
  // What every admission to an acute bed counts: the census and the measured period's admissions.
  void enter_acute_bed(bool readmission);

  void apply_home_first(Patient& patient, double u);

  // Without early planning, the referral goes out at MFFD.
  double referral_time(const Patient& patient, double set_draw, double error_draw) const;

  void reach_mffd(std::uint32_t id);
  // The patient is ready and still in the acute bed: their delay starts now.
  void start_delay(Patient& patient);

  // Routes the patient from the current vertex along one edge of the graph.
  void enter_next(std::uint32_t id);

  void enter_vertex(std::uint32_t id, std::uint32_t next);

  void join_queue(std::uint32_t id, std::uint32_t s);

  void finish_route(std::uint32_t id, std::uint32_t exit);

  // The patient leaves the acute bed at the first opening of the discharge
  // window at or after max(now, MFFD); capacity already acquired stays held.
  void request_leave(std::uint32_t id);

  void leave_acute(std::uint32_t id);

  void depart(std::uint32_t id);

  void count_discharge(Patient& patient);
  // What every discharge from an acute bed counts, for the patient's stay
  // facts: the census, patient days and the measured period's discharges.
  void leave_acute_bed(double admitted, double mffd, Pathway pathway, bool readmission);
  // A departure from the system counted at an exit (from the measured period).
  void count_exit(std::uint32_t exit) {
    if (in_measured_period(now_)) ++tally_.exits[exit];
  }

  // ---- settled stays (replication_settled.cc) -------------------------------
  // Which pathways settle at admission (SettledStay), decided once per run.
  void decide_settled_pathways();
  std::uint32_t create_settled(double time, std::uint32_t cohort, double time_to_mffd, std::uint64_t serial);
  void admit_settled(std::uint32_t k);
  void settled_leave(std::uint32_t k);
  // Those still in hospital at the end: their delay so far and their days.
  void finish_settled();
  // A settled patient delayed at midnight m (MFFD before it, leaving at or
  // after it) is counted in settled_delayed_at_[m + warm-up days], not in
  // delayed_now_: they have no MFFD event at which to be added.
  double settled_delayed_at_midnight(std::int64_t midnight) const {
    return static_cast<double>(settled_delayed_at_[static_cast<std::size_t>(midnight + scenario_.warmup_days)]);
  }

  // ---- services -----------------------------------------------------------
  void try_start(std::uint32_t s);

  // True when service s's schedule is open now with quota left in the current
  // window; otherwise schedules a wake-up at the next window with quota.
  bool window_has_quota(std::uint32_t s);
  void wake_at_next_window(std::uint32_t s, double from);

  void start(std::uint32_t id, std::uint32_t s);

  // Starts the clock of the bed stay or package once the patient is there.
  void begin_held_service(std::uint32_t id);

  void service_done(std::uint32_t id);

  void release_held(std::uint32_t id);

  // A service's duration for this patient: complexity-scaled where the service says so.
  double sample_duration(const ServiceConfig& config, Patient& patient);

  // ---- dated capacity -------------------------------------------------------
  void apply_phase(std::uint32_t s, const ServicePhase& phase);
  void change_phase(std::uint32_t s);

  // ---- processes run alongside ----------------------------------------------
  void alongside_done(std::uint32_t id);

  // ---- waiting harms and readmission ------------------------------------------
  // Draws the stay's harms when the delay first starts and schedules them.
  void schedule_harms(std::uint32_t id);
  void schedule_death(std::uint32_t id);
  // True while the patient waits in the acute bed for something other than
  // leaving (the window or transport), so harms can still reach them.
  bool waiting_in_bed(const Patient& patient) const;
  // Takes the patient out of whatever they wait for in hospital; their
  // pending events become stale.
  void abandon_wait(std::uint32_t id);
  void decondition(std::uint32_t id);
  void die_waiting(std::uint32_t id);
  void draw_readmission(std::uint32_t id);
  // Decides whether the stay of patient `serial`, on `pathway`, just ended by a
  // discharge towards `exit`, is followed by a readmission, and schedules it.
  // False, drawing nothing, when readmission is off or the exit is a death.
  bool draw_readmission_of(std::uint64_t serial, Pathway pathway, std::uint32_t exit);
  void readmit(std::uint32_t pending);

  // ---- bridging -------------------------------------------------------------
  // A ready patient waiting in an acute bed for a bridged package can go home
  // into bridging when a slot is free and the bridge is working.
  void try_bridge(std::uint32_t b);

  // The bridge's referral criteria (ServiceConfig::eligible_share, max_complexity).
  bool bridge_eligible(std::uint32_t b, const Patient& patient) const;
  // The first candidate who is ready now; drops those who can no longer be bridged.
  std::uint32_t take_bridge_candidate(std::uint32_t b);

  // The hospital delay ends when bridging starts; the package wait goes on at home.
  void start_bridging(std::uint32_t id);

  void bridge_overrun(std::uint32_t id, double due);

  void end_bridging(std::uint32_t id);

  // Visits a client needs fall linearly from initial to final over the length of care.
  void retaper(std::uint32_t s);

  // ---- delay attribution -------------------------------------------------
  void attribute(std::uint32_t id, std::uint32_t service, bool process);

  void set_attribution(std::uint32_t id, int attribution, bool process);

  void close_delay(std::uint32_t id);

  void account_delay(Patient& patient);
  // The tallies of delayed time from `from` to now, waiting for `attribution`.
  void account_delay_days(double from, int attribution, Pathway pathway, bool process);

  // ---- per-patient records (only with a log) -----------------------------
  void log_stay(const Patient& patient, std::uint32_t id);

  // ---- starting census ------------------------------------------------------
  // Fills each bed service's initial_occupied beds at the start of the run.
  void place_census(double start);
  void census_leave(std::uint32_t s);
  // Puts the acute census in its beds at the start, and on its way.
  void place_acute_census(double start);

  // ---- results ------------------------------------------------------------
  double clipped(double from, double to) const { return std::max(0.0, std::min(to, end_) - std::max(from, 0.0)); }
  bool in_measured_period(double t) const { return t >= 0 && t < end_; }

  ReplicationResult finish();

  // Aborts, naming the breach, when the state breaks an invariant (sim/model/invariants.h).
  void check_invariants() const;

  const PreparedScenario& p_;
  const Scenario& scenario_;
  const Calendar& cal_;
  double end_;
  double now_ = 0;
  engine::EventQueue queue_;
  std::uint64_t run_prefetched_ = 0;  // queue_.runs() when its run's patients were last prefetched
  RandomStream::Prefix journey_prefix_, levers_prefix_, census_prefix_, acute_census_prefix_;
  RandomStream::Prefix complexity_prefix_, ward_round_prefix_, eligibility_prefix_, readmission_prefix_;
  // One per deconditioning of a stay (at most one per pathway change).
  std::array<RandomStream::Prefix, kPathwayCount> harms_prefix_{};
  bool levers_active_ = false;  // home first or early planning in use
  bool harms_any_ = false;      // Scenario::harms.any()
  // Pathways on which waiting can harm: a death hazard or a deconditioning from them.
  std::array<bool, kPathwayCount> harmed_on_{};
  RandomStream admissions_stream_, traits_stream_;
  std::vector<Patient> patients_;
  std::vector<std::uint32_t> free_slots_;
  std::uint32_t next_serial_ = 0;
  struct Arrival {
    double time;
    std::uint32_t patient;
  };
  std::vector<SettledStay> settled_;
  std::vector<std::uint32_t> free_settled_;
  bool settle_at_admission_ = true;
  std::uint64_t settled_stays_ = 0;
  std::array<bool, kPathwayCount> settles_{};  // pathways whose stays settle at admission
  std::vector<std::int32_t> settled_delayed_at_;  // per midnight from the start of the warm-up
  std::uint8_t window_attribution_ = 0;  // the discharge window's (reason, agency)
  std::vector<Arrival> arrivals_;  // sorted by time; arrivals_[next_arrival_] is the next to admit
  std::size_t next_arrival_ = 0;
  std::vector<double> hour_offsets_;  // scratch for sample_admissions
  std::vector<ServiceState> services_;
  std::vector<MonthResult> months_;
  std::vector<std::size_t> month_of_day_;
  TimeWeighted acute_;
  std::array<double, kAttributionCount> delayed_now_{};
  // The running totals of the measured period, from which finish() makes the measures.
  ReplicationTallies tally_;
  struct PendingReadmission {
    std::uint64_t serial;
    double time_to_mffd;
  };
  std::vector<PendingReadmission> pending_readmissions_;  // kReadmit events index it
  double acute_integral_at_midnight_ = 0, patient_days_ = 0;
  std::uint64_t events_ = 0;
  std::vector<PatientRecord>* log_ = nullptr;
  const std::atomic<bool>* stop_ = nullptr;
  bool stopped_ = false;
  // With a log: delayed days by reason in the current acute stay, per patient slot.
  std::vector<std::array<double, kReasonCount>> stay_delays_;
};

}  // namespace homeward::model::detail
